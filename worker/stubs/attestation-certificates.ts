/**
 * Stands in, in the bundle (wrangler.toml `[alias]`), for the certificate
 * libraries @simplewebauthn/server uses only to check an attestation's
 * certificate chain: @peculiar/x509 (with tsyringe and reflect-metadata)
 * and @peculiar/asn1-android. The console asks for no attestation
 * (`attestationType: "none"`), so browsers answer with format "none" and
 * no chain; an authenticator that sends one anyway is refused with a 422
 * that says the passkey could not be verified. Each name they give is here,
 * and says so if it is ever reached.
 */
function notInWorker(): never {
  throw new Error("Attestation certificate chains are not checked here (see wrangler.toml [alias]).");
}

export const X509Certificate = notInWorker;
export const X509ChainBuilder = notInWorker;
export const X509Crl = notInWorker;
export const AuthorityKeyIdentifierExtension = notInWorker;
export const CRLDistributionPointsExtension = notInWorker;
export const SubjectKeyIdentifierExtension = notInWorker;
export const KeyDescription = notInWorker;
export const id_ce_keyDescription = "1.3.6.1.4.1.11129.2.1.17";
