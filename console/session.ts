import type { Editor, Scope } from "../worker/schemas/editor";
import { allows } from "../worker/vocabulary";
import { CONSOLE_DATA_ID } from "./contract";

export interface Session {
  editor: Editor;
  csrf: string;
}

/** Who is signed in, as the page says; the page is only served to a live session. */
export function readSession(): Session {
  return JSON.parse(document.getElementById(CONSOLE_DATA_ID)?.textContent ?? "null");
}

export const mayUse = (session: Session, scope: Scope) => allows(session.editor.scopes, scope);
