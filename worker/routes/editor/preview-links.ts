import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import { livePreviewLinks } from "../../data/preview-links";
import { limitBody } from "../../http/body-limit";
import type { EditorEnv } from "../../http/editor-auth";
import { editorRead, editorWrite, json } from "../../http/operations";
import { previewUrl, requirePreviewSecret, signPreview } from "../../http/preview-token";
import { parseBody, valid } from "../../http/validate";
import {
  PREVIEW_HOURS,
  PreviewLink,
  PreviewLinkInput,
  PreviewLinkList,
  PreviewLinkParam,
} from "../../schemas/preview-link";
import { IdParam } from "../../schemas/publication-input";
import { assertMayHandle, currentPublication } from "../../writes/clearance";
import { createPreviewLink, revokePreviewLink } from "../../writes/preview-links";
import { readJson, write } from "./shared";

const NO_SECRET =
  "The worker has no PREVIEW_SECRET, so it makes no preview links; or the database did not answer";
const LINK_BYTES = 4 * 1024;

/**
 * A publication's preview links, under `/by-id/{id}/previews`: signed pages
 * that show a draft or a scheduled publication to someone without an
 * account. Links are listed with their URLs, which are signed again on each
 * read rather than stored: anyone who may read the draft may hand it on.
 */
export const previewLinks = new Hono<EditorEnv>()
  .post(
    "/",
    describeRoute(
      editorWrite({
        summary: "Make a preview link",
        description:
          "For a draft or a scheduled publication: a page anyone holding its URL may open, in the site's layout, " +
          `until it expires (after ${PREVIEW_HOURS.default} hours unless \`expires_in_hours\` says otherwise) or is revoked.`,
        status: 201,
        body: json(PreviewLinkInput),
        answer: { description: "Made", content: json(PreviewLink) },
        problems: {
          404: "No publication has this id",
          409: "The publication is published or archived, or a request with this `Idempotency-Key` is in progress",
          503: NO_SECRET,
        },
      }),
    ),
    limitBody(LINK_BYTES),
    valid("param", IdParam),
    async (c) => {
      const secret = requirePreviewSecret(c.env, c.req.url);
      const { text, value } = await readJson(c);
      const input = parseBody(PreviewLinkInput, value);
      const sign = async (linkId: string, expiresAt: string) =>
        previewUrl(c.req.url, await signPreview(secret, linkId, expiresAt));
      return write(c, text, (writer) => createPreviewLink(writer, c.req.valid("param").id, input, sign));
    },
  )
  .get(
    "/",
    describeRoute(
      editorRead({
        summary: "List a publication's preview links",
        description: "The links not revoked and not expired, newest first, each with its URL.",
        answer: { description: "The live links", content: json(PreviewLinkList) },
        problems: { 404: "No publication has this id", 503: NO_SECRET },
      }),
    ),
    valid("param", IdParam),
    async (c) => {
      const secret = requirePreviewSecret(c.env, c.req.url);
      const { id } = c.req.valid("param");
      const publication = await currentPublication(c.env.DB, id);
      const now = new Date().toISOString();
      assertMayHandle(c.var.editor, publication, now);
      const links = await livePreviewLinks(c.env.DB, id, now);
      const listed = await Promise.all(
        links.map(async (link) => ({
          ...link,
          url: previewUrl(c.req.url, await signPreview(secret, link.id, link.expires_at)),
        })),
      );
      c.header("Cache-Control", "private, no-store");
      return c.json({ preview_links: listed });
    },
  )
  .delete(
    "/:previewId",
    describeRoute(
      editorWrite({
        summary: "Revoke a preview link",
        description: "Its page answers 404 from now on.",
        status: 204,
        answer: { description: "Revoked" },
        problems: { 404: "The publication has no such link, or it is revoked already" },
      }),
    ),
    valid("param", PreviewLinkParam),
    (c) => {
      const { id, previewId } = c.req.valid("param");
      return write(c, "", (writer) => revokePreviewLink(writer, id, previewId));
    },
  );
