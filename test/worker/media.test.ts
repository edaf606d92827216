import { env, exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sniff } from "../../worker/content/magic";
import { authorized, createToken } from "./editor-fixtures";
import { expectInvalidParams, get } from "./fixtures";

const MB = 1024 * 1024;
const bytesOf = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));
const fromBase64 = (text: string) => bytesOf(atob(text));
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/** An ISO BMFF `ftyp` box with these brands, the first being the major one. */
function ftyp(major: string, ...compatible: string[]): Uint8Array {
  const size = 16 + 4 * compatible.length;
  return concat(
    new Uint8Array([0, 0, 0, size]),
    bytesOf(`ftyp${major}`),
    new Uint8Array(4),
    ...compatible.map(bytesOf),
  );
}

/** The smallest real file of each accepted type, or at least its real header. */
const FILES = {
  "image/png": fromBase64(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  ),
  "image/jpeg": concat(
    new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    bytesOf("JFIF\0"),
    new Uint8Array([1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]),
  ),
  "image/gif": fromBase64("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"),
  "image/webp": fromBase64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA=="),
  "image/avif": concat(ftyp("avif", "avif", "mif1", "miaf"), new Uint8Array([0, 0, 0, 8]), bytesOf("meta")),
  "application/pdf": bytesOf("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"),
};

let publisher: string;

function upload(body: BodyInit | null, headers: HeadersInit = {}, token: string | null = publisher) {
  return exports.default.fetch(
    new Request("https://embassy.example/api/v1/media", {
      method: "POST",
      body,
      headers: { ...(token ? authorized(token) : {}), ...headers },
    }),
  );
}

function form(bytes: Uint8Array, filename = "photo.png", type = "image/png"): FormData {
  const data = new FormData();
  data.append("file", new File([bytes], filename, { type }));
  return data;
}

async function storedKeys(): Promise<string[]> {
  return (await env.MEDIA.list()).objects.map((object) => object.key);
}

/** A body that arrives in chunks with no Content-Length, as a chunked upload does. */
function stream(bytes: Uint8Array, chunk = MB): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
}

/** A PDF header and then `size` bytes in all. */
const pdfOfSize = (size: number) =>
  concat(FILES["application/pdf"], new Uint8Array(size - FILES["application/pdf"].length));

beforeAll(async () => {
  publisher = await createToken(`media-${crypto.randomUUID()}`, ["publish"]);
});

beforeEach(async () => {
  const keys = await storedKeys();
  if (keys.length > 0) await env.MEDIA.delete(keys);
  await env.DB.prepare("DELETE FROM audit_log").run();
});

describe("file types from magic bytes", () => {
  it("knows each accepted type by its first bytes alone", () => {
    for (const [type, bytes] of Object.entries(FILES)) expect(sniff(bytes)?.contentType).toBe(type);
    expect(sniff(bytesOf("GIF87a"))?.contentType).toBe("image/gif");
  });

  it("takes AVIF named among the compatible brands, and refuses HEIC and other ISO BMFF files", () => {
    expect(sniff(ftyp("mif1", "mif1", "avif"))?.extension).toBe("avif");
    expect(sniff(ftyp("avis", "msf1"))?.extension).toBe("avif");
    expect(sniff(ftyp("heic", "mif1", "heic"))).toBeUndefined();
    expect(sniff(ftyp("isom", "isom", "mp41"))).toBeUndefined();
    // A box claiming more brands than the file holds reads only what is there.
    expect(
      sniff(concat(new Uint8Array([0, 0, 1, 0]), bytesOf("ftypmif1"), new Uint8Array(4))),
    ).toBeUndefined();
  });

  it("refuses what merely starts like an accepted type, and what is too short", () => {
    for (const text of [
      "<svg xmlns='http://www.w3.org/2000/svg'/>",
      "<!doctype html>",
      "RIFF\0\0\0\0WAVE",
      "%PD",
      "",
    ]) {
      expect(sniff(bytesOf(text))).toBeUndefined();
    }
    expect(sniff(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
    // PDF readers find a header after other bytes; we do not.
    expect(sniff(bytesOf("<html>%PDF-1.7"))).toBeUndefined();
  });
});

describe("uploading media", () => {
  it("stores each accepted type and serves it back byte for byte, immutable", async () => {
    for (const [type, bytes] of Object.entries(FILES)) {
      const response = await upload(bytes, { "Content-Type": "application/octet-stream" });
      expect(response.status, type).toBe(201);
      const body = await response.json<any>();
      expect(body).toMatchObject({ content_type: type, bytes: bytes.length });
      expect(body.key).toMatch(/^[0-9a-f]{32}\.(png|jpg|gif|webp|avif|pdf)$/);
      expect(body.url).toBe(`https://embassy.example/media/${body.key}`);
      expect(response.headers.get("Location")).toBe(body.url);

      const served = await get(`/media/${body.key}`);
      expect(served.status).toBe(200);
      expect(served.headers.get("Content-Type")).toBe(type);
      expect(served.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      expect(served.headers.get("X-Content-Type-Options")).toBe("nosniff");
      expect(served.headers.get("Content-Disposition")).toBe(
        type === "application/pdf" ? "attachment" : "inline",
      );
      expect(served.headers.get("ETag")).toMatch(/^"[0-9a-f]+"$/);
      expect(served.headers.get("Content-Security-Policy")).toBe(
        type === "application/pdf" ? "sandbox" : null,
      );
      expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
    }
    expect(await storedKeys()).toHaveLength(Object.keys(FILES).length);
  });

  it("goes by the bytes, not the declared type, and stores R2 metadata for serving", async () => {
    const response = await upload(FILES["image/gif"], { "Content-Type": "application/pdf" });
    const { key } = await response.json<any>();
    expect(key).toMatch(/\.gif$/);
    const object = await env.MEDIA.head(key);
    expect(object?.httpMetadata).toMatchObject({
      contentType: "image/gif",
      cacheControl: "public, max-age=31536000, immutable",
    });
    expect(object?.customMetadata).toEqual({ uploader: expect.stringMatching(/^media-/) });
  });

  it("refuses HTML declared as image/png, and an SVG, with 415 naming what is accepted", async () => {
    for (const [text, type] of [
      ["<!doctype html><script>alert(document.domain)</script>", "image/png"],
      ["<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "image/svg+xml"],
    ]) {
      const response = await upload(bytesOf(text), { "Content-Type": type });
      expect(response.status).toBe(415);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      expect(response.headers.get("Accept-Post")).toContain("image/avif");
      const problem = await response.json<any>();
      expect(problem.detail).toContain("PNG, JPEG, GIF, WebP, AVIF, PDF");
      expect(problem.accepted).toHaveLength(6);
    }
    const multipart = await upload(form(bytesOf("<html></html>"), "x.png"));
    expect(multipart.status).toBe(415);
    expect(await storedKeys()).toEqual([]);
  });

  it("takes a multipart form's file, keeping its name", async () => {
    const response = await upload(form(FILES["image/png"], "C:\\fakepath\\Embassy\u0007 seal.png"));
    expect(response.status).toBe(201);
    const { key, bytes } = await response.json<any>();
    expect(bytes).toBe(FILES["image/png"].length);
    const object = await env.MEDIA.get(key);
    expect(object?.customMetadata).toEqual({
      uploader: expect.stringMatching(/^media-/),
      filename: "Embassy seal.png",
    });
    expect(new Uint8Array(await (object as R2ObjectBody).arrayBuffer())).toEqual(FILES["image/png"]);
  });

  it("refuses a form without exactly one file, and an empty file, raw or in a form", async () => {
    const fields = new FormData();
    fields.append("title", "no file here");
    const noFile = await upload(fields);
    expect(noFile.status).toBe(422);
    expect((await noFile.json<any>())["invalid-params"]).toEqual([
      { name: "file", reason: "must be one file" },
    ]);

    const two = form(FILES["image/png"]);
    two.append("file", new File([FILES["image/gif"]], "b.gif"));
    expect((await upload(two)).status).toBe(422);

    const garbled = await upload("not a form", { "Content-Type": "multipart/form-data; boundary=x" });
    expect(garbled.status).toBe(400);
    expect((await garbled.json<any>()).detail).toMatch(/^The form could not be read/);

    expect((await upload(null)).status).toBe(400);
    expect((await upload(new Uint8Array(0))).status).toBe(400);
    expect((await upload(form(new Uint8Array(0)))).status).toBe(400);
    expect(await storedKeys()).toEqual([]);
  });

  it("stores the same bytes once: the second upload answers 200 with the same key", async () => {
    const first = await upload(FILES["image/webp"]);
    const second = await upload(form(FILES["image/webp"], "again.webp"));
    expect([first.status, second.status]).toEqual([201, 200]);
    const [a, b] = [await first.json<any>(), await second.json<any>()];
    expect(b.key).toBe(a.key);
    expect(second.headers.get("Location")).toBe(a.url);
    expect(await storedKeys()).toEqual([a.key]);
    // The first uploader's record stays: the raw upload gave no name.
    expect((await env.MEDIA.head(a.key))?.customMetadata?.filename).toBeUndefined();
  });

  it("writes an audit row for each upload, naming the editor and the request", async () => {
    const response = await upload(form(FILES["application/pdf"], "notice.pdf", "application/pdf"), {
      "CF-Ray": "8f00media",
    });
    const { key } = await response.json<any>();
    await upload(FILES["application/pdf"], { "CF-Ray": "8f01media" });
    const { results } = await env.DB.prepare(
      "SELECT actor, action, subject, request_id, change FROM audit_log ORDER BY id",
    ).all<any>();
    expect(results.map((row) => ({ ...row, change: JSON.parse(row.change) }))).toEqual([
      {
        actor: expect.stringMatching(/^media-/),
        action: "media.upload",
        subject: `media:${key}`,
        request_id: "8f00media",
        change: {
          key,
          type: "application/pdf",
          bytes: FILES["application/pdf"].length,
          created: true,
          filename: "notice.pdf",
        },
      },
      {
        actor: expect.stringMatching(/^media-/),
        action: "media.upload",
        subject: `media:${key}`,
        request_id: "8f01media",
        change: { key, type: "application/pdf", bytes: FILES["application/pdf"].length, created: false },
      },
    ]);
  });

  it("needs a token (401) with the publish scope (403)", async () => {
    const anonymous = await upload(FILES["image/png"], {}, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("WWW-Authenticate")).toBe('Bearer realm="chancery"');
    const counters = await createToken(`media-counters-${crypto.randomUUID()}`, ["counters"]);
    expect((await upload(FILES["image/png"], {}, counters)).status).toBe(403);
    const admin = await createToken(`media-admin-${crypto.randomUUID()}`, ["admin"]);
    expect((await upload(FILES["image/png"], {}, admin)).status).toBe(201);
    expect(await storedKeys()).toHaveLength(1);
  });

  it("refuses an upload from another site's page", async () => {
    const response = await upload(FILES["image/png"], { Origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(await storedKeys()).toEqual([]);
  });
});

describe("the 10 MB limit", () => {
  it("takes a file of exactly 10 MB, raw and in a form", async () => {
    const raw = await upload(pdfOfSize(10 * MB));
    expect(raw.status).toBe(201);
    expect((await raw.json<any>()).bytes).toBe(10 * MB);
    // The form's boundary and part headers do not count against the file.
    const inForm = await upload(form(pdfOfSize(10 * MB).fill(1, 100), "big.pdf"));
    expect(inForm.status).toBe(201);
    expect(await storedKeys()).toHaveLength(2);
  });

  it("refuses 10 MB and a byte with 413 and stores nothing, however it is sent", async () => {
    const tooBig = pdfOfSize(10 * MB + 1);
    for (const body of [tooBig, stream(tooBig), form(tooBig, "big.pdf")]) {
      const response = await upload(body);
      expect(response.status).toBe(413);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      expect((await response.json<any>()).detail).toBe("The file is larger than 10 MB.");
    }
    expect(await storedKeys()).toEqual([]);
    const { n } = (await env.DB.prepare("SELECT COUNT(*) AS n FROM audit_log").first<{ n: number }>()) ?? {};
    expect(n).toBe(0);
  });
});

describe("serving media", () => {
  let key: string;
  let etag: string;

  beforeEach(async () => {
    key = (await (await upload(FILES["image/png"])).json<any>()).key;
    etag = (await get(`/media/${key}`)).headers.get("ETag") ?? "";
  });

  it("answers a matching If-None-Match with 304, weak or in a list", async () => {
    for (const tag of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const response = await get(`/media/${key}`, { "If-None-Match": tag });
      expect(response.status, tag).toBe(304);
      expect(response.headers.get("ETag")).toBe(etag);
      expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
      expect(await response.text()).toBe("");
    }
    expect((await get(`/media/${key}`, { "If-None-Match": '"other"' })).status).toBe(200);
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await exports.default.fetch(
      new Request(`https://embassy.example/media/${key}`, { method: "HEAD" }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect(response.headers.get("Content-Length")).toBe(String(FILES["image/png"].length));
    expect(response.headers.get("ETag")).toBe(etag);
    expect(await response.text()).toBe("");
  });

  it("answers an unknown key with 404 and a malformed one with 400", async () => {
    const missing = await get(`/media/${"0".repeat(32)}.png`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Content-Type")).toBe("application/problem+json");
    expect(missing.headers.get("Cache-Control")).toBe("private, no-store");
    for (const bad of ["nope", `${key.slice(0, -4)}.svg`, `${key.toUpperCase()}`, `..%2F${key}`]) {
      await expectInvalidParams(await get(`/media/${bad}`), ["key"]);
    }
  });
});
