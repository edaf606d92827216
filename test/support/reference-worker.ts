import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyMigrations } from "./migrations";
import { seedReferenceSite } from "./reference";
import { bundleWorker, projectRoot, type RunningWorker, readWorkerConfig, startWorker } from "./worker";

export interface ReferenceWorker {
  worker: RunningWorker;
  /** Reached as localhost, so pages on 127.0.0.1 are another origin. */
  origin: string;
  stop(): Promise<void>;
}

/** The worker as it would ship, in workerd, migrated and holding the reference embassy; `vars` as [vars] set them. */
export async function startReferenceWorker(vars: Record<string, string> = {}): Promise<ReferenceWorker> {
  const bundleDir = await mkdtemp(join(tmpdir(), "chancery-e2e-"));
  const worker = await startWorker(await bundleWorker(bundleDir), await readWorkerConfig(), vars);
  await applyMigrations(worker.db, join(projectRoot, "migrations"));
  await seedReferenceSite(worker.db);
  return {
    worker,
    origin: `http://localhost:${worker.url.port}`,
    async stop() {
      await worker.dispose();
      await rm(bundleDir, { recursive: true, force: true });
    },
  };
}
