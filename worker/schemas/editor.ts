import * as v from "valibot";
import { ROLES, SCOPES } from "../vocabulary";

/** What a token may do. */
export const Scope = v.picklist(SCOPES, `must be among: ${SCOPES.join(", ")}`);
export type Scope = v.InferOutput<typeof Scope>;

/** What a person may do. */
export const Role = v.picklist(ROLES, `must be one of: ${ROLES.join(", ")}`);
export type Role = v.InferOutput<typeof Role>;

/**
 * The person behind a request, and what this request may do as them: the
 * scopes of the token it carries (never wider than the person's role), or
 * all their role allows when it comes from their console session.
 */
export interface Editor {
  /** The person's id. */
  id: number;
  name: string;
  email: string;
  role: Role;
  scopes: Scope[];
  /** The token the request carries; none for a console session. */
  token?: { id: number; name: string };
}
