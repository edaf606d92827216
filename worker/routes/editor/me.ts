import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import type { EditorEnv } from "../../http/editor-auth";
import { SESSION_COOKIE } from "../../http/editor-auth";
import { editorRead, editorWrite, json } from "../../http/operations";
import { Me } from "../../schemas/person";
import { signOutEverywhere } from "../../writes/people";
import { write } from "./shared";

/** Who is asking: what the console and programs ask first. */
export const me = new Hono<EditorEnv>()
  .get(
    "/",
    describeRoute(
      editorRead({
        summary: "Who am I",
        description:
          "The person behind the request, and what it may do: from a token, the token's scopes within the " +
          "person's role; from a console session, all the role allows.",
        answer: { description: "You", content: json(Me) },
      }),
    ),
    (c) => {
      const { token, ...person } = c.var.editor;
      c.header("Cache-Control", "private, no-store");
      const body: Me = token
        ? { person, via: "token", token: { ...token, scopes: person.scopes } }
        : { person, via: "session" };
      return c.json(body);
    },
  )
  .post(
    "/sign-out",
    describeRoute(
      editorWrite({
        summary: "Sign yourself out everywhere",
        description:
          "From the console only: ends all your sessions, this one included, and revokes all your tokens.",
        status: 204,
        answer: { description: "Signed out" },
      }),
    ),
    async (c) => {
      const response = await write(c, "", (writer) => signOutEverywhere(writer, c.var.editor.id));
      response.headers.append(
        "Set-Cookie",
        `${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Strict`,
      );
      return response;
    },
  );
