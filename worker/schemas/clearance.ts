import * as v from "valibot";
import { FilledText, Instant, wholeNumber } from "./common";
import { Kind, Status } from "./publication";

/** What happened to a publication on its way out, as its history and the audit log name it. */
export const CLEARANCE_ACTIONS = [
  "submitted",
  "approved",
  "sent_back",
  "published",
  "scheduled",
  "published_without_approval",
] as const;
export type ClearanceAction = (typeof CLEARANCE_ACTIONS)[number];

const UNKNOWN = "is not a field of this step";

/** A submission or an approval: a comment for the next reader, if any. */
export const ClearanceStep = v.strictObject(
  { comment: v.optional(FilledText(2000, "For the next reader. At most 2000 characters")) },
  UNKNOWN,
);
export type ClearanceStep = v.InferOutput<typeof ClearanceStep>;

/** Sending a text back: the author is told what to change. */
export const SendBack = v.strictObject(
  { comment: FilledText(2000, "What the author should change. At most 2000 characters") },
  UNKNOWN,
);
export type SendBack = v.InferOutput<typeof SendBack>;

const Person = v.pipe(
  v.nullable(v.object({ id: v.number(), name: v.string() })),
  v.description("The person who took the step; null if their account is gone"),
);

/** One step of a publication's clearance. */
export const ClearanceEvent = v.object({
  id: v.number(),
  at: Instant,
  action: v.picklist(CLEARANCE_ACTIONS),
  person: Person,
  actor: v.pipe(v.string(), v.description("How the audit log names who did it, with the token if any")),
  comment: v.nullable(v.string()),
  version: v.pipe(v.number(), v.description("The version of the text the step was taken on")),
});
export type ClearanceEvent = v.InferOutput<typeof ClearanceEvent>;

export const History = v.object({
  events: v.pipe(v.array(ClearanceEvent), v.description("Oldest first")),
});

/** A publication that waits for someone, and the step that left it there. */
export const QueueItem = v.object({
  id: v.number(),
  title: v.string(),
  slug: v.string(),
  lang: v.string(),
  kind: Kind,
  status: Status,
  author: v.nullable(v.object({ id: v.number(), name: v.string() })),
  updated_at: Instant,
  latest: v.pipe(v.nullable(ClearanceEvent), v.description("The latest step of its clearance")),
});
export type QueueItem = v.InferOutput<typeof QueueItem>;

export const Queue = v.object({
  items: v.pipe(v.array(QueueItem), v.description("What has waited longest first")),
});

export const QueueQuery = v.strictObject(
  { limit: v.optional(wholeNumber(1, 100), "50") },
  "is not a parameter of this endpoint",
);
