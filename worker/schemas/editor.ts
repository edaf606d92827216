import * as v from "valibot";
import { SCOPES } from "../vocabulary";

/** What a token may do. */
export const Scope = v.picklist(SCOPES, `must be among: ${SCOPES.join(", ")}`);
export type Scope = v.InferOutput<typeof Scope>;

/** The editor behind a request: the token's name and scopes. */
export interface Editor {
  id: number;
  name: string;
  scopes: Scope[];
}
