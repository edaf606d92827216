/**
 * Who may do what to a publication, in which state: the one rule book the
 * server enforces on every write and the console reads to grey out what it
 * would refuse, with the server's own words. Plain data and functions over
 * the vocabulary, so the console's bundle takes them without valibot.
 */
import { aRole, atLeast, type ROLES, type STATUSES } from "./vocabulary";

type Role = (typeof ROLES)[number];
type Status = (typeof STATUSES)[number];

/** What a person does to a publication. */
export const ACTIONS = [
  "edit",
  "submit",
  "approve",
  "send_back",
  "publish",
  "withdraw",
  "archive",
  "restore",
  "preview",
] as const;
export type Action = (typeof ACTIONS)[number];

/** The person acting: who, and in which role. */
export interface Person {
  id: number;
  role: Role;
}

/** What the rules read of a publication: where it stands now, who wrote it first, who last changed its words. */
export interface Piece {
  status: Status;
  author_id: number | null;
  /** Who last changed the title, lead or body: an editor who rewrites a text is no second reader of it. */
  written_by: number | null;
}

/** What the site asks of clearance. */
export interface ClearancePolicy {
  approver_must_differ: boolean;
}

/** Why an action is refused: 403 for the person, 409 for the state the piece is in. */
export interface Refusal {
  status: 403 | 409;
  reason: string;
}

const forbidden = (reason: string): Refusal => ({ status: 403, reason });
const conflict = (reason: string): Refusal => ({ status: 409, reason });

const OUT: readonly Status[] = ["scheduled", "published"];
const IN_REVIEW: readonly Status[] = ["submitted", "approved"];

const isAuthor = (person: Person, piece: Piece) => piece.author_id === person.id;

/** Whether `person` put words in `piece`: its author, or the last to change its wording. */
const hasWritten = (person: Person, piece: Piece) =>
  isAuthor(person, piece) || piece.written_by === person.id;

/** A draft is the author's own; anyone from editor up may take any draft in hand. */
function mayHandleDraft(person: Person, piece: Piece): Refusal | undefined {
  if (isAuthor(person, piece) || atLeast(person.role, "editor")) return undefined;
  return forbidden("A contributor works on their own drafts only; this one is someone else's.");
}

function needs(role: Role, person: Person, what: string): Refusal | undefined {
  if (atLeast(person.role, role)) return undefined;
  return forbidden(`${what} is for ${aRole(role)} or above; you are ${aRole(person.role)}.`);
}

/**
 * Whether `person` may handle `piece` at all, whatever its state allows:
 * a text that is out (or archived) is a publisher's, a draft its author's
 * and the editors'. Who may edit a draft keeps its preview links.
 */
export function mayHandle(person: Person, piece: Piece): Refusal | undefined {
  if (OUT.includes(piece.status)) return needs("publisher", person, "Handling a text that is out");
  if (piece.status === "archived") return needs("publisher", person, "Handling an archived text");
  return mayHandleDraft(person, piece);
}

const RULES: Record<Action, (person: Person, piece: Piece, policy: ClearancePolicy) => Refusal | undefined> =
  {
    edit(person, piece) {
      if (OUT.includes(piece.status)) return needs("publisher", person, "Changing a text that is out");
      if (piece.status === "archived") return needs("publisher", person, "Changing an archived text");
      if (IN_REVIEW.includes(piece.status) && !atLeast(person.role, "editor")) {
        return conflict("It is with the editors for review; ask an editor to send it back to you.");
      }
      return mayHandleDraft(person, piece);
    },
    submit(person, piece) {
      if (piece.status !== "draft")
        return conflict(`Only a draft can be submitted; this one is ${piece.status}.`);
      return mayHandleDraft(person, piece);
    },
    approve(person, piece, policy) {
      const role = needs("editor", person, "Approving");
      if (role) return role;
      if (piece.status !== "submitted") {
        return conflict(`Only a submitted text can be approved; this one is ${piece.status}.`);
      }
      if (policy.approver_must_differ && hasWritten(person, piece)) {
        const whose = isAuthor(person, piece) ? "you are its author" : "you last changed its wording";
        return forbidden(
          `The site asks for a second pair of eyes, and ${whose}: someone who wrote none of its words approves.`,
        );
      }
      return undefined;
    },
    send_back(person, piece) {
      const role = needs("editor", person, "Sending a text back");
      if (role) return role;
      if (!IN_REVIEW.includes(piece.status)) {
        return conflict(`Only a submitted or approved text can be sent back; this one is ${piece.status}.`);
      }
      return undefined;
    },
    publish(person, piece) {
      const role = needs("publisher", person, "Publishing");
      if (role) return role;
      if (piece.status === "archived")
        return conflict("An archived text is restored before it is published.");
      return undefined;
    },
    withdraw(person, piece) {
      const role = needs("publisher", person, "Withdrawing");
      if (role) return role;
      if (piece.status !== "published") {
        return conflict(`Only a published text can be withdrawn; this one is ${piece.status}.`);
      }
      return undefined;
    },
    archive(person, piece) {
      if (OUT.includes(piece.status)) return needs("publisher", person, "Archiving a text that is out");
      if (piece.status === "archived") return conflict("This publication is archived already.");
      return mayHandleDraft(person, piece);
    },
    restore(person, piece) {
      const role = needs("publisher", person, "Restoring an archived text");
      if (role) return role;
      if (piece.status !== "archived") return conflict("This publication is not archived.");
      return undefined;
    },
    preview(person, piece) {
      if (piece.status === "published" || piece.status === "archived") {
        return conflict(`A preview link is for a text not yet out; this one is ${piece.status}.`);
      }
      return mayHandle(person, piece);
    },
  };

/** Why `person` may not do `action` to `piece`, or undefined when they may. */
export function refusal(
  action: Action,
  person: Person,
  piece: Piece,
  policy: ClearancePolicy,
): Refusal | undefined {
  return RULES[action](person, piece, policy);
}

/** Whether publishing `piece` skips a second reader: only an approved text has had one. */
export const skipsApproval = (piece: Piece) => piece.status !== "approved";
