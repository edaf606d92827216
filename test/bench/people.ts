/**
 * What people cost a request: the person behind a token and the role check
 * on a write, against the bare route in the same rounds, the rule book
 * alone, call by call, and a passkey sign-in in Chromium.
 */
import { join } from "node:path";
import { ACTIONS, refusal } from "../../worker/clearance";
import { ROLES, STATUSES } from "../../worker/vocabulary";
import { applyMigrations } from "../support/migrations";
import { issueToken } from "../support/tokens";
import { projectRoot, startWorker, type WorkerConfig } from "../support/worker";
import type { Summary } from "./load";
import { compareRounds, type LoadOptions, summarize } from "./load";
import { measureSignIn, type SignInFigures } from "./sign-in";

export interface PeopleFigures {
  ceiling: Summary;
  /** GET /api/v1/me, then a write a contributor may make, each paired with the ceiling. */
  probes: Summary[];
  /** Nanoseconds one decision of the rule book takes, over every action, role and status. */
  ruleNs: number;
  signIn: SignInFigures;
}

const WHOAMI = "GET /api/v1/me as a contributor (token, person, role)";
export const ROLE_CHECKED_WRITE = "POST /api/v1/previews as a contributor (role-checked write)";

/** Decisions of worker/clearance.ts per second, on this machine, in Node. */
function timeRuleBook(rounds = 20_000): number {
  const policy = { approver_must_differ: true };
  const cases = ACTIONS.flatMap((action) =>
    ROLES.flatMap((role) =>
      STATUSES.map((status) => ({
        action,
        person: { id: 1, role },
        piece: { status, author_id: 2, written_by: 2 },
      })),
    ),
  );
  let refused = 0;
  const began = process.hrtime.bigint();
  for (let round = 0; round < rounds; round++) {
    for (const { action, person, piece } of cases) if (refusal(action, person, piece, policy)) refused++;
  }
  const ns = Number(process.hrtime.bigint() - began) / (rounds * cases.length);
  // Read, so the loop cannot be optimised away.
  if (refused === 0) throw new Error("the rule book refused nothing");
  return ns;
}

export async function measurePeople(
  script: string,
  config: WorkerConfig,
  settings: LoadOptions & { rounds: number },
  log: (line: string) => void,
): Promise<PeopleFigures> {
  const worker = await startWorker(script, config);
  try {
    await applyMigrations(worker.db, join(projectRoot, "migrations"));
    const token = await issueToken(worker.db, "Bench contributor", ["publish"], "contributor");
    const headers = { Authorization: `Bearer ${token}` };
    const url = (path: string) => new URL(path, worker.url).href;
    log("People (A B A B against the ceiling):");
    const { baseline, probes } = await compareRounds(
      { name: "GET /api/v1/health (ceiling)", url: url("/api/v1/health") },
      [
        { name: WHOAMI, url: url("/api/v1/me"), headers },
        {
          name: ROLE_CHECKED_WRITE,
          url: url("/api/v1/previews"),
          method: "POST",
          headers: { ...headers, "Content-Type": "application/json" },
          body: JSON.stringify({ body: "The Ambassador met **forty students**.", body_format: "markdown" }),
        },
      ],
      settings.rounds,
      settings,
      log,
    );
    log("People: sign-in with a passkey in Chromium, to the console ready...");
    const signIn = await measureSignIn(worker);
    return { ceiling: summarize(baseline), probes: probes.map(summarize), ruleNs: timeRuleBook(), signIn };
  } finally {
    await worker.dispose();
  }
}
