import { bodyLimit } from "hono/body-limit";
import { problem } from "./problem";

const sizeOf = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;

/**
 * Refuses a body over `bytes` with a 413 problem, counting as it streams,
 * so an oversize upload is stopped before it is read whole.
 * @example editor.post("/", limitBody(1024 * 1024), handler)
 */
export function limitBody(bytes: number, detail = `The body is larger than ${sizeOf(bytes)}.`) {
  return bodyLimit({
    maxSize: bytes,
    onError: () => {
      throw problem(413, detail);
    },
  });
}
