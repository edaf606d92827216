/**
 * Publishing through the editors' API, as an editor's program would: what
 * the browser tests set up before they look at pages and widgets.
 */
import { expect } from "vitest";

/** Where the API is and whose token speaks to it. */
export interface Publisher {
  origin: string;
  token: string;
}

/** A published statement with any other `fields` (an alert, an instant ahead…); its id. */
export async function publish(
  to: Publisher,
  fields: Record<string, unknown> & { slug: string },
): Promise<number> {
  const response = await fetch(`${to.origin}/api/v1/publications`, {
    method: "POST",
    headers: { Authorization: `Bearer ${to.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      kind: "statement",
      lang: "en",
      title: `Statement ${fields.slug}`,
      body: "<p>The consulate opens on Saturdays.</p>",
      status: "published",
      without_approval: "Set up for the test: no second reader in this stage.",
      ...fields,
    }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

/** Withdraws publication `id`, at its first version, for `reason`. */
export async function withdraw(to: Publisher, id: number, reason: string): Promise<void> {
  const response = await fetch(`${to.origin}/api/v1/publications/by-id/${id}/withdraw`, {
    method: "POST",
    headers: { Authorization: `Bearer ${to.token}`, "Content-Type": "application/json", "If-Match": '"v1"' },
    body: JSON.stringify({ reason }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}
