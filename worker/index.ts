import { app } from "./app";
import { forgetExpiredSessions } from "./data/sessions";
import { inD1Session } from "./http/d1-session";
import { forgetOldKeys } from "./http/idempotency";

export default {
  fetch: (request, env, ctx) => inD1Session(request, env, (bindings) => app.fetch(request, bindings, ctx)),
  async scheduled(controller, env) {
    await Promise.all([
      forgetOldKeys(env.DB, controller.scheduledTime),
      forgetExpiredSessions(env.DB, new Date(controller.scheduledTime).toISOString()),
    ]);
  },
} satisfies ExportedHandler<Env>;
