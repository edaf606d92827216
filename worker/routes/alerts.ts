import { Hono } from "hono";
import { describeRoute } from "hono-openapi";
import type { AppEnv } from "../bindings";
import { catalogueFor } from "../catalogues";
import { activeAlertsRead } from "../data/alerts";
import { siteRead } from "../data/site";
import { runAll } from "../data/sql";
import { cachedRead } from "../http/cached-read";
import { json, publicRead } from "../http/operations";
import { valid } from "../http/validate";
import { defaultLanguage } from "../languages";
import { AlertList, AlertQuery } from "../schemas/alert";
import { alertWords } from "../views/alert-banner";
import { withUrl } from "./publications";

export const alerts = new Hono<AppEnv>().get(
  "/",
  describeRoute(
    publicRead({
      summary: "Active alerts",
      description:
        "Citizen alerts (publications of kind `alert`) active now: published, not withdrawn, not yet at " +
        "`expires_at`. Most severe first (emergency, security, routine), then newest; one version of each " +
        "text, in `lang` where there is one. The words a banner writes come along in that language. The " +
        "answer is never kept past the next alert's end.",
      tags: ["Publications"],
      answer: { description: "The alerts active now; none is an empty list", content: json(AlertList) },
    }),
  ),
  valid("query", AlertQuery),
  (c) => {
    const { lang } = c.req.valid("query");
    return cachedRead(c, async () => {
      const db = c.env.DB;
      const [site, active] = await runAll(db, [
        siteRead(db),
        activeAlertsRead(db, lang, new Date().toISOString()),
      ]);
      const { strings } = catalogueFor(lang ?? defaultLanguage(site), defaultLanguage(site));
      const origin = new URL(c.req.url).origin;
      return {
        body: {
          items: active.items.map((item) => withUrl(item, origin)),
          words: alertWords(strings),
        },
        freshUntil: active.nextDueAt ? Date.parse(active.nextDueAt) : undefined,
      };
    });
  },
);
