import {
  deleteWebhook,
  insertWebhook,
  replaceSecret,
  updateWebhook,
  webhookAnswer,
  webhookGone,
} from "../data/webhooks";
import type { Saved } from "../http/idempotency";
import { problem } from "../http/problem";
import type { WebhookInput, WebhookPatch } from "../schemas/webhook";
import { newSecret } from "../webhooks/sign";
import { commit, type Writer } from "./commit";

/** Every write to webhook endpoints; each one batch with its audit entry, which never holds a secret. */

const notFound = (id: number) => problem(404, `No webhook has the id ${id}.`);

/** Adds an endpoint with a new secret, which the answer shows this once. */
export async function createWebhook(writer: Writer, input: WebhookInput): Promise<Saved> {
  const secret = newSecret();
  const saved = await commit(writer, {
    statements: insertWebhook(writer.db, input, secret, writer.actor),
    answer: webhookAnswer(null, writer.actor, secret),
    status: 201,
  });
  if (!saved) throw new Error("a webhook just added was not found");
  return saved;
}

export async function editWebhook(writer: Writer, id: number, patch: WebhookPatch): Promise<Saved> {
  const saved = await commit(writer, {
    statements: updateWebhook(writer.db, id, patch, writer.actor),
    answer: webhookAnswer(id, writer.actor),
    status: 200,
  });
  if (!saved) throw notFound(id);
  return saved;
}

/** A new secret for endpoint `id`, shown this once; deliveries are signed with it from now on. */
export async function rotateSecret(writer: Writer, id: number): Promise<Saved> {
  const secret = newSecret();
  const saved = await commit(writer, {
    statements: replaceSecret(writer.db, id, secret, writer.actor),
    answer: webhookAnswer(id, writer.actor, secret),
    status: 200,
  });
  if (!saved) throw notFound(id);
  return saved;
}

/** Deletes endpoint `id`; its queued deliveries are dropped unsent. */
export async function removeWebhook(writer: Writer, id: number): Promise<Saved> {
  const saved = await commit(writer, {
    statements: deleteWebhook(writer.db, id, writer.actor),
    answer: webhookGone(id, writer.actor),
    status: 204,
  });
  if (!saved) throw notFound(id);
  return saved;
}
