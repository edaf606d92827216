import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkName, insertSql, newToken, parseScopes } from "../../scripts/token";

describe("npm run token", () => {
  it("makes 32 random bytes, shown once as base64url, stored as their SHA-256", () => {
    const first = newToken();
    const second = newToken();
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.token).not.toBe(second.token);
    expect(first.hash).toBe(createHash("sha256").update(first.token).digest("hex"));
  });

  it("takes known scopes only, and sane names", () => {
    expect(parseScopes("publish, counters,publish")).toEqual(["publish", "counters"]);
    expect(() => parseScopes("publish,root")).toThrow(/not root/);
    expect(() => parseScopes("")).toThrow(/--scopes/);
    expect(checkName("Press office")).toBe("Press office");
    expect(() => checkName("x'; DROP TABLE tokens; --")).toThrow(/--name/);
    expect(() => checkName(undefined)).toThrow(/--name/);
  });

  it("quotes what it writes into SQL", () => {
    expect(insertSql("a'b", "h", ["publish"], "t")).toContain("'a''b'");
  });
});
