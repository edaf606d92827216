import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const ORIGIN = "https://embassy.example";

/** A form of a hundred thousand fields, about 1.5 MB: what no page of ours sends. */
function floodedForm(): string {
  return Array.from({ length: 100_000 }, (_, n) => `f${n}=${n}`).join("&");
}

describe("the console's unauthenticated forms", () => {
  for (const path of ["/admin/sign-in", "/admin/join", "/admin/sign-out"]) {
    it(`${path} refuses a flooded form with 413 before reading it`, async () => {
      const response = await exports.default.fetch(
        new Request(`${ORIGIN}${path}`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN },
          body: floodedForm(),
        }),
      );
      expect(response.status).toBe(413);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      expect(response.headers.get("Set-Cookie")).toBeNull();
    });
  }
});
