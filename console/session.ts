import type { ClearancePolicy, Person } from "../worker/clearance";
import type { Editor, Role, Scope } from "../worker/schemas/editor";
import { allows, atLeast } from "../worker/vocabulary";
import { CONSOLE_DATA_ID } from "./contract";

export interface Session {
  /** The person signed in. */
  editor: Editor;
  csrf: string;
  /** What the site asks of clearance, as the page was served. */
  policy: ClearancePolicy;
}

/** Who is signed in, as the page says; the page is only served to a live session. */
export function readSession(): Session {
  return JSON.parse(document.getElementById(CONSOLE_DATA_ID)?.textContent ?? "null");
}

export const mayUse = (session: Session, scope: Scope) => allows(session.editor.scopes, scope);

/** Whether the person signed in holds `role` or one above it. */
export const holds = (session: Session, role: Role) => atLeast(session.editor.role, role);

/** The person as the clearance rules read them. */
export const personOf = (session: Session): Person => ({ id: session.editor.id, role: session.editor.role });
