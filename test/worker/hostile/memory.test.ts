import { beforeAll, describe, expect, it } from "vitest";
import { memoryFootprint } from "../../../worker/data/cache";
import { encodeCursor } from "../../../worker/schemas/cursor";
import { addPublications, get, resetContent } from "../fixtures";

const LONG_BODY = `<p>${"A long speech, word after word. ".repeat(8_000)}</p>`;

describe("the isolate's cache", () => {
  beforeAll(async () => {
    await resetContent();
    await addPublications(
      { slug: "long-speech", published_at: "2020-10-24T09:00:00.000Z", body: LONG_BODY },
      ...Array.from({ length: 120 }, (_, n) => ({
        slug: `event-${n + 1}`,
        published_at: new Date(Date.UTC(2020, 5, 1) + n * 86_400_000).toISOString(),
        title: `Event ${n + 1}, with a title as long as a real one usually is`,
      })),
    );
  });

  it("files a page once, whatever parameters nobody declared are added to its address", async () => {
    await (await get("/publications/long-speech")).arrayBuffer();
    const before = memoryFootprint();
    expect(before.entries).toBeGreaterThan(0);
    for (let n = 0; n < 1_000; n++) {
      const response = await get(`/publications/long-speech?x=${n}&utm_source=${n}`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    }
    expect(memoryFootprint().entries).toBe(before.entries);
  }, 60_000);

  it("stays under its byte bound after 1,000 distinct valid reads", async () => {
    let largest = 0;
    for (let n = 1; n <= 1_000; n++) {
      const cursor = encodeCursor({
        direction: "after",
        published_at: new Date(Date.UTC(2021, 0, 1) + n * 1000).toISOString(),
        id: n,
      });
      const response = await get(`/api/v1/publications?limit=100&cursor=${cursor}`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      const { bytes, limit } = memoryFootprint();
      expect(bytes).toBeLessThanOrEqual(limit);
      largest = Math.max(largest, bytes);
    }
    // The reads were large enough to reach the bound, so it is what held them.
    expect(largest).toBeGreaterThan(memoryFootprint().limit * 0.9);
  }, 120_000);
});
