import { code, embedPageCode } from "../../dist/widget/bundle";
import { digest, toBase64, toHex } from "../http/digest";

export interface WidgetBundle {
  code: string;
  /** Names the content-addressed copy: `/widget/<hash>.js`. */
  hash: string;
  /** Subresource Integrity for the embed snippet. */
  integrity: string;
  bytes: number;
}

async function describe(): Promise<WidgetBundle> {
  const [sha256, sha384] = await Promise.all([digest("SHA-256", code), digest("SHA-384", code)]);
  return {
    code,
    hash: toHex(sha256).slice(0, 16),
    integrity: `sha384-${toBase64(sha384)}`,
    bytes: new TextEncoder().encode(code).byteLength,
  };
}

// The value, never the promise: a request must not await work another request started.
let described: WidgetBundle | undefined;

/** The built widget with its hash and integrity, computed once per isolate. */
export async function widgetBundle(): Promise<WidgetBundle> {
  described ??= await describe();
  return described;
}

/** The /embed page's own script; not part of what third-party pages load. */
export { embedPageCode };
