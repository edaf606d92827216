import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

function send(method: string, path: string): Promise<Response> {
  return exports.default.fetch(new Request(`https://embassy.example${path}`, { method }));
}

describe("a method a path does not answer", () => {
  it("gets 405 with the methods it does answer in Allow", async () => {
    for (const [method, path, allowed] of [
      ["POST", "/api/v1/site", "GET, HEAD, PATCH"],
      ["DELETE", "/api/v1/health", "GET, HEAD"],
      ["PUT", "/api/v1/counters", "GET, HEAD, POST"],
      ["POST", "/feed.xml", "GET, HEAD"],
    ]) {
      const response = await send(method, path);
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get("Allow"), `${method} ${path}`).toBe(allowed);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    }
  });

  it("still gets 404 where nothing answers at all", async () => {
    const response = await send("POST", "/api/v1/nothing-here");
    expect(response.status).toBe(404);
    expect(response.headers.get("Allow")).toBeNull();
  });
});
