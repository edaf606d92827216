/**
 * What a file is, told from its first bytes alone. A declared Content-Type
 * or file name is what the uploader says; the bytes are what a browser will
 * render, so only they decide.
 */

export interface FileType {
  /** What people call the format. */
  name: string;
  /** The media type the file is served with. */
  contentType: string;
  /** The extension of its storage key. */
  extension: string;
}

export const PNG: FileType = { name: "PNG", contentType: "image/png", extension: "png" };
export const JPEG: FileType = { name: "JPEG", contentType: "image/jpeg", extension: "jpg" };
export const GIF: FileType = { name: "GIF", contentType: "image/gif", extension: "gif" };
export const WEBP: FileType = { name: "WebP", contentType: "image/webp", extension: "webp" };
export const AVIF: FileType = { name: "AVIF", contentType: "image/avif", extension: "avif" };
export const PDF: FileType = { name: "PDF", contentType: "application/pdf", extension: "pdf" };

/** Every type an upload may be, for messages and for the shape of a key. */
export const ACCEPTED: readonly FileType[] = [PNG, JPEG, GIF, WEBP, AVIF, PDF];

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

/** True when `bytes` holds `expected` at `offset`. */
function has(bytes: Uint8Array, offset: number, expected: readonly number[]): boolean {
  if (bytes.length < offset + expected.length) return false;
  return expected.every((byte, i) => bytes[offset + i] === byte);
}

const text = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, to));

/**
 * The brands of an ISO BMFF file's leading `ftyp` box: the major brand and
 * every compatible one. AVIF may name itself only among the compatible
 * brands (after `mif1`, say), so the major brand alone is not enough.
 */
function ftypBrands(bytes: Uint8Array): string[] {
  if (!has(bytes, 4, ascii("ftyp")) || bytes.length < 12) return [];
  const size = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0);
  // A box shorter than its header is no box; one that outruns the file is read as far as it goes.
  if (size < 16) return [];
  const end = Math.min(size, bytes.length);
  const brands = [text(bytes, 8, 12)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(text(bytes, at, at + 4));
  return brands;
}

const SIGNATURES: readonly [FileType, (bytes: Uint8Array) => boolean][] = [
  [PNG, (bytes) => has(bytes, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
  [JPEG, (bytes) => has(bytes, 0, [0xff, 0xd8, 0xff])],
  [GIF, (bytes) => has(bytes, 0, ascii("GIF87a")) || has(bytes, 0, ascii("GIF89a"))],
  [WEBP, (bytes) => has(bytes, 0, ascii("RIFF")) && has(bytes, 8, ascii("WEBP"))],
  [AVIF, (bytes) => ftypBrands(bytes).some((brand) => brand === "avif" || brand === "avis")],
  // PDF readers look for the header anywhere in the first KB; we insist on
  // byte 0, so no other format can hide a PDF behind its own header.
  [PDF, (bytes) => has(bytes, 0, ascii("%PDF-"))],
];

/**
 * The type `bytes` begin like, or undefined when they match none accepted.
 * @example sniff(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])) // JPEG
 */
export function sniff(bytes: Uint8Array): FileType | undefined {
  return SIGNATURES.find(([, matches]) => matches(bytes))?.[0];
}
