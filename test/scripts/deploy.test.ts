import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  deployedUrls,
  findDatabase,
  lacksPreviewSecret,
  newPreviewSecret,
  nextSteps,
  parseOptions,
  plan,
  queueExists,
  readResources,
  withDatabaseId,
  workerTarget,
} from "../../scripts/deploy";
import { disposeAllWorkers, projectRoot, readWorkerConfig, startWorker } from "../support/worker";

const ID = "4b1f7c3e-2a9d-4e6f-8c1b-0d2e3f4a5b6c";

const TOML = `name = "chancery"
main = "worker/index.ts"

[[d1_databases]]
binding = "DB"
database_name = "chancery"
# a comment that must survive
migrations_dir = "migrations"

[[r2_buckets]]
binding = "MEDIA"
bucket_name = "chancery-media"
`;

describe("npm run deploy: arguments", () => {
  it("takes --dry-run and passes every other option to wrangler deploy", () => {
    expect(parseOptions([])).toEqual({ help: false, dryRun: false, deployArgs: [] });
    expect(parseOptions(["--dry-run", "--outdir", "out"])).toEqual({
      help: false,
      dryRun: true,
      deployArgs: ["--outdir", "out"],
    });
    expect(parseOptions(["--minify", "--help"])).toEqual({ help: true });
    expect(parseOptions(["-h"])).toEqual({ help: true });
  });
});

describe("npm run deploy: wrangler.toml", () => {
  it("reads the database and bucket names from the project's own wrangler.toml, which carries no placeholder id", async () => {
    const resources = readResources(await readFile(join(projectRoot, "wrangler.toml"), "utf8"));
    expect(resources.database).toBe("chancery");
    expect(resources.bucket).toBe("chancery-media");
    expect(resources.databaseId ?? "").not.toMatch(/^0{8}-/);
    // The consumer's dead-letter queue must exist before a deploy names it.
    expect(resources.queues).toEqual(["chancery-webhooks", "chancery-webhooks-dead"]);
  });

  it("adds the database id after database_name and leaves every other line as it was", () => {
    const updated = withDatabaseId(TOML, ID);
    expect(readResources(updated)).toEqual({
      database: "chancery",
      databaseId: ID,
      bucket: "chancery-media",
      queues: [],
    });
    const added = updated.split("\n").filter((line) => !TOML.split("\n").includes(line));
    expect(added).toEqual([`database_id = "${ID}"`]);
    expect(updated.replace(`database_id = "${ID}"\n`, "")).toBe(TOML);
  });

  it("changes nothing when the id is already there, and replaces a different one", () => {
    const once = withDatabaseId(TOML, ID);
    expect(withDatabaseId(once, ID)).toBe(once);
    const other = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    const moved = withDatabaseId(once, other);
    expect(readResources(moved).databaseId).toBe(other);
    expect(moved.split("\n")).toHaveLength(once.split("\n").length);
  });

  it("refuses a wrangler.toml without the DB binding, and an id that is not one", () => {
    expect(() => readResources(TOML.replace('binding = "DB"', 'binding = "OTHER"'))).toThrow(
      /binding = "DB"/,
    );
    expect(() => readResources(TOML.replace('bucket_name = "chancery-media"\n', ""))).toThrow(/bucket_name/);
    expect(() => withDatabaseId(TOML, 'x"\nmain = "evil.ts')).toThrow(/not a D1 database id/);
  });
});

describe("npm run deploy: wrangler's answers", () => {
  const list = JSON.stringify([
    { uuid: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", name: "other", version: "production" },
    { uuid: ID, name: "chancery", version: "production" },
  ]);

  it("finds the database by name in `wrangler d1 list --json`, warnings before it included", () => {
    expect(findDatabase(list, "chancery")).toBe(ID);
    expect(findDatabase(`▲ [WARNING] a newer wrangler [4.x] exists\n${list}\n`, "chancery")).toBe(ID);
    expect(findDatabase(list, "missing")).toBeUndefined();
    expect(findDatabase("[]", "chancery")).toBeUndefined();
  });

  it("says so when the list is not what it expects, rather than creating a second database", () => {
    expect(() => findDatabase("✘ [ERROR] Not logged in.", "chancery")).toThrow(/unexpected/);
    expect(() => findDatabase('{"error": "no"}', "chancery")).toThrow(/unexpected/);
  });

  it("takes the worker's addresses from the deploy entry of wrangler's output file, its own domains first", () => {
    const deploy = (targets: string[]) =>
      [
        JSON.stringify({ type: "wrangler-session", version: 1, wrangler_version: "4.86.0" }),
        JSON.stringify({ type: "deploy", version: 1, worker_name: "chancery", targets }),
        "",
      ].join("\n");
    expect(deployedUrls(deploy(["https://chancery.press.workers.dev", "schedule: 17 * * * *"]))).toEqual([
      "https://chancery.press.workers.dev",
    ]);
    expect(
      deployedUrls(
        deploy([
          "https://chancery.press.workers.dev",
          "news.embassy.example/*",
          "embassy.example (custom domain)",
          "*.example.org/*",
          "schedule: 17 * * * *",
        ]),
      ),
    ).toEqual([
      "https://news.embassy.example",
      "https://embassy.example",
      "https://chancery.press.workers.dev",
    ]);
    expect(deployedUrls(JSON.stringify({ type: "wrangler-session", version: 1 }))).toEqual([]);
  });
});

describe("npm run deploy: the webhooks' queues", () => {
  it("creates a queue only when wrangler says it does not exist, and stops on any other answer", () => {
    expect(
      queueExists({ status: 0, output: "chancery-webhooks\n  Number of producers: 1" }, "chancery-webhooks"),
    ).toBe(true);
    const missing =
      '✘ [ERROR] Queue "chancery-webhooks" does not exist. To create it, run: wrangler queues create chancery-webhooks';
    expect(queueExists({ status: 1, output: missing }, "chancery-webhooks")).toBe(false);
    expect(() => queueExists({ status: 1, output: "✘ [ERROR] Not logged in." }, "chancery-webhooks")).toThrow(
      /unexpected/,
    );
    // Another queue's absence says nothing of this one.
    expect(() => queueExists({ status: 1, output: missing }, "chancery-webhooks-dead")).toThrow(/unexpected/);
  });
});

describe("npm run deploy: the preview-link secret", () => {
  const secrets = (...names: string[]) =>
    JSON.stringify(
      names.map((name) => ({ name, type: "secret_text" })),
      null,
      "  ",
    );

  it("sets PREVIEW_SECRET only on a worker that has none, so a second deploy keeps the links already sent", () => {
    expect(lacksPreviewSecret(secrets())).toBe(true);
    expect(lacksPreviewSecret(secrets("OTHER_SECRET"))).toBe(true);
    expect(lacksPreviewSecret(secrets("OTHER_SECRET", "PREVIEW_SECRET"))).toBe(false);
    expect(
      lacksPreviewSecret(`▲ [WARNING] a newer wrangler [4.x] exists\n${secrets("PREVIEW_SECRET")}\n`),
    ).toBe(false);
  });

  it("stops rather than overwrite a secret when it cannot read the list", () => {
    expect(() => lacksPreviewSecret("✘ [ERROR] Worker not found.")).toThrow(/unexpected/);
    expect(() => lacksPreviewSecret('{"PREVIEW_SECRET": {}}')).toThrow(/unexpected/);
  });

  it("makes a new secret of 32 random bytes, long enough for the worker to accept it", () => {
    const secret = newPreviewSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret, "base64url")).toHaveLength(32);
    expect(newPreviewSecret()).not.toBe(secret);
  });

  it("gives the secret to the worker the deploy named, not the one wrangler.toml names", () => {
    expect(workerTarget([])).toEqual([]);
    expect(workerTarget(["--minify", "--name", "chancery-staging", "--keep-vars"])).toEqual([
      "--name",
      "chancery-staging",
    ]);
    expect(workerTarget(["--env=staging", "--outdir", "out"])).toEqual(["--env=staging"]);
    expect(workerTarget(["-e", "production", "--name=press"])).toEqual(["-e", "production", "--name=press"]);
  });
});

describe("npm run deploy: what it prints", () => {
  const resources = {
    database: "chancery",
    databaseId: undefined,
    bucket: "chancery-media",
    queues: ["chancery-webhooks", "chancery-webhooks-dead"],
  };

  it("builds before it touches the account and migrates before the new code goes live", () => {
    const steps = plan({ dryRun: false }, resources);
    const at = (word: RegExp) => steps.findIndex((step) => word.test(step));
    expect(steps.map((step) => step.slice(0, 3))).toEqual(["1. ", "2. ", "3. ", "4. ", "5. ", "6. ", "7. "]);
    expect(at(/^\d\. Build/)).toBeLessThan(at(/D1 database "chancery"/));
    expect(at(/D1 database "chancery"/)).toBeLessThan(at(/migrations/));
    expect(at(/migrations/)).toBeLessThan(at(/wrangler deploy\)/));
    expect(at(/"chancery-webhooks", "chancery-webhooks-dead"/)).toBeLessThan(at(/wrangler deploy\)/));
    expect(steps[at(/wrangler deploy\)/)]).toContain('"chancery-media"');
  });

  it("sets the preview-link secret once the worker exists, and says an existing one is kept", () => {
    const steps = plan({ dryRun: false }, resources);
    const secret = steps.findIndex((step) => /PREVIEW_SECRET/.test(step));
    expect(secret).toBeGreaterThan(steps.findIndex((step) => /wrangler deploy\)/.test(step)));
    expect(steps[secret]).toMatch(/when it has none; one it has is kept/);
  });

  it("marks every remote step of a dry run as one it would take", () => {
    const steps = plan({ dryRun: true }, resources);
    for (const step of steps.filter(
      (step) => /database|migrations|bucket|queues|SECRET/.test(step) && !/--dry-run/.test(step),
    )) {
      expect(step).toMatch(/^\d\. Would /);
    }
    expect(steps.filter((step) => /PREVIEW_SECRET/.test(step))).toHaveLength(1);
    expect(steps.at(-1)).toMatch(/wrangler deploy --dry-run/);
  });

  it("ends with the console's address and the command that invites the first admin there", () => {
    const text = nextSteps(["https://chancery.example.workers.dev"]);
    expect(text).toContain("https://chancery.example.workers.dev/admin");
    const command = text.split("\n").find((line) => line.trim().startsWith("npm run invite"));
    expect(command).toContain("--role admin");
    expect(command).toContain("--origin https://chancery.example.workers.dev --remote");
    expect(nextSteps([])).toContain("--role admin");
  });
});

describe("npm run deploy -- --dry-run", () => {
  afterAll(disposeAllWorkers);

  it("builds and bundles the tree without an account, and the bundle answers", {
    timeout: 180_000,
  }, async () => {
    const outdir = await mkdtemp(join(tmpdir(), "chancery-dry-run-"));
    const before = await readFile(join(projectRoot, "wrangler.toml"), "utf8");
    try {
      const env = { ...process.env, CLOUDFLARE_API_TOKEN: "", CLOUDFLARE_ACCOUNT_ID: "" };
      const { stdout } = await promisify(execFile)(
        join(projectRoot, "node_modules", ".bin", "tsx"),
        ["scripts/deploy.ts", "--dry-run", "--outdir", outdir],
        { cwd: projectRoot, env, maxBuffer: 16 * 1024 * 1024 },
      );
      expect(await readFile(join(projectRoot, "wrangler.toml"), "utf8")).toBe(before);
      // The plan it printed names the secret step; with no account it could not have run it and succeeded.
      const printed = stdout.split("\n");
      for (const step of plan({ dryRun: true }, readResources(before))) expect(printed).toContain(step);

      const worker = await startWorker(join(outdir, "index.js"), await readWorkerConfig());
      const health = await fetch(new URL("/api/v1/health", worker.url));
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });
      const document = await (await fetch(new URL("/api/openapi.json", worker.url))).json();
      expect(document.paths).toHaveProperty(["/api/v1/publications"]);
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });
});
