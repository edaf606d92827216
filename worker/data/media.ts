import type { FileType } from "../content/magic";
import { digest, toHex } from "../http/digest";
import type { Actor } from "./publication-writes";
import type { Database } from "./sql";

/** A stored file never changes under its key, so anyone may keep it for a year. */
export const IMMUTABLE = "public, max-age=31536000, immutable";

export interface Upload {
  bytes: Uint8Array;
  type: FileType;
  /** The name the uploader's computer gave the file, if a form sent one. */
  filename?: string;
}

/**
 * The key a file is stored under: the first 128 bits of its SHA-256, so the
 * same bytes always land on the same key, and its type's extension.
 */
export async function mediaKey(upload: Upload): Promise<string> {
  return `${toHex(await digest("SHA-256", upload.bytes)).slice(0, 32)}.${upload.type.extension}`;
}

/**
 * Stores the upload under `key` unless it is there already, and says whether
 * it was new. A key names its content, so what is there already is this
 * very file: writing it again would only replace who first uploaded it.
 */
export async function storeMedia(
  bucket: R2Bucket,
  key: string,
  upload: Upload,
  uploader: string,
): Promise<boolean> {
  if (await bucket.head(key)) return false;
  await bucket.put(key, upload.bytes, {
    httpMetadata: { contentType: upload.type.contentType, cacheControl: IMMUTABLE },
    customMetadata: { uploader, ...(upload.filename ? { filename: upload.filename } : {}) },
  });
  return true;
}

/** Records an upload, even of a file already stored: the log says who sent what, when. */
export async function auditUpload(
  db: Database,
  actor: Actor,
  entry: { key: string; upload: Upload; created: boolean },
): Promise<void> {
  const { key, upload, created } = entry;
  const change = {
    key,
    type: upload.type.contentType,
    bytes: upload.bytes.byteLength,
    created,
    ...(upload.filename ? { filename: upload.filename } : {}),
  };
  await db
    .prepare(
      `INSERT INTO audit_log (at, actor, action, subject, request_id, change)
       VALUES (?1, ?2, 'media.upload', ?3, ?4, ?5)`,
    )
    .bind(actor.at, actor.name, `media:${key}`, actor.requestId, JSON.stringify(change))
    .run();
}
