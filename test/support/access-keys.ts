/**
 * A stand-in Cloudflare Access team for the worker tests: a key set of its
 * own, served over real HTTP at /cdn-cgi/access/certs as Access serves it,
 * so the worker fetches and checks keys as it does in production. The
 * private key goes to the tests (a test-only binding) to sign tokens with.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair } from "jose";

export interface AccessTeam {
  /** Where the team's keys are, and what its tokens name as `iss`. */
  teamDomain: string;
  /** The application's audience tag. */
  aud: string;
  /** The signing key, as a JWK with its `kid`. */
  privateJwk: string;
}

export async function startAccessTeam(): Promise<AccessTeam> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = crypto.randomUUID();
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" }] });
  const server = createServer((request, response) => {
    if (request.url === "/cdn-cgi/access/certs") {
      response.writeHead(200, { "Content-Type": "application/json" }).end(jwks);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // The tests' process may end while it listens.
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    teamDomain: `http://127.0.0.1:${port}`,
    aud: `aud-${crypto.randomUUID()}`,
    privateJwk: JSON.stringify({ ...(await exportJWK(privateKey)), kid }),
  };
}
