import { secureHeaders } from "hono/secure-headers";

const POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "https:", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
};

const COMMON = {
  strictTransportSecurity: "max-age=63072000; includeSubDomains",
  referrerPolicy: "strict-origin-when-cross-origin",
  crossOriginEmbedderPolicy: false,
} as const;

/**
 * Pages run no inline script or style: the CSP allows only this origin's
 * files, so injected markup could do nothing even if it got through.
 */
export const pageHeaders = secureHeaders({
  ...COMMON,
  contentSecurityPolicy: { ...POLICY, frameAncestors: ["'none'"] },
  xFrameOptions: "DENY",
});

/**
 * A page made to be framed by other sites (an embedded publication): the
 * same policy, but any site may frame it. `X-Frame-Options` can only deny or
 * allow one origin, so it is left out; browsers obey `frame-ancestors`.
 */
export const framedPageHeaders = secureHeaders({
  ...COMMON,
  contentSecurityPolicy: { ...POLICY, frameAncestors: ["*"] },
  xFrameOptions: false,
});
