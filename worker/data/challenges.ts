import type { Database } from "./sql";

/** What a WebAuthn challenge was given for: a new passkey, or signing in with one. */
export type Purpose = "register" | "sign-in";

export interface NewChallenge {
  challenge: string;
  purpose: Purpose;
  /** Whose passkey a registration makes; none for signing in, where the passkey says who. */
  personId: number | null;
  expiresAt: string;
}

/**
 * Live challenges at most: anyone may ask for one, so the table is bounded
 * (an embassy's editors sign in a few times an hour; this is 33 a second
 * for the five minutes a challenge lives).
 */
export const MAX_LIVE_CHALLENGES = 10_000;

/**
 * Stores a challenge, and forgets the ones that have expired, in one batch;
 * the second statement writes nothing while MAX_LIVE_CHALLENGES are live.
 */
export function insertChallenge(db: Database, challenge: NewChallenge, now: string): D1PreparedStatement[] {
  return [
    db.prepare("DELETE FROM challenges WHERE expires_at <= ?1").bind(now),
    db
      .prepare(
        `INSERT INTO challenges (challenge, purpose, person_id, expires_at)
         SELECT ?1, ?2, ?3, ?4 WHERE (SELECT count(*) FROM challenges) < ?5`,
      )
      .bind(
        challenge.challenge,
        challenge.purpose,
        challenge.personId,
        challenge.expiresAt,
        MAX_LIVE_CHALLENGES,
      ),
  ];
}

/**
 * Takes a live challenge given for `purpose`: it is deleted as it is read,
 * so a replayed answer finds nothing. Undefined when it was never given,
 * has expired or was used.
 */
export async function takeChallenge(
  db: Database,
  challenge: string,
  purpose: Purpose,
  now: string,
): Promise<{ personId: number | null } | undefined> {
  const row = await db
    .prepare(
      "DELETE FROM challenges WHERE challenge = ?1 AND purpose = ?2 AND expires_at > ?3 RETURNING person_id",
    )
    .bind(challenge, purpose, now)
    .first<{ person_id: number | null }>();
  return row ? { personId: row.person_id } : undefined;
}
