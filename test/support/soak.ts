/** What a soak saw: how many requests, and each kind of failure with its count. */
export interface SoakResult {
  requests: number;
  /** `"<url> answered <status>"` or `"<url>: <error>"`, counted. */
  failures: Record<string, number>;
}

/**
 * Keeps `connections` requests in flight against `urls` for `seconds`, each
 * loop taking the next URL in turn; any answer but a 2xx is a failure.
 * Bounded in count and time; it sends only to the URLs it is given.
 */
export async function soak(
  urls: string[],
  { connections, seconds }: { connections: number; seconds: number },
): Promise<SoakResult> {
  const result: SoakResult = { requests: 0, failures: {} };
  const fail = (what: string) => {
    result.failures[what] = (result.failures[what] ?? 0) + 1;
  };
  const until = Date.now() + seconds * 1000;
  let next = 0;
  async function loop() {
    while (Date.now() < until) {
      const url = urls[next++ % urls.length];
      result.requests++;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        if (!response.ok) fail(`${url} answered ${response.status}`);
      } catch (error) {
        fail(`${url}: ${(error as Error).message}`);
      }
    }
  }
  await Promise.all(Array.from({ length: connections }, loop));
  return result;
}
