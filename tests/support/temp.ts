// Temporary directories that tests never leave behind, on success or failure: one made inside a
// test is removed when that test finishes (onTestFinished); one made outside a test (module scope,
// describe, beforeAll) is removed after the file's last test (see cleanup-setup.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";

const madeOutsideTests = new Set<string>();

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A fresh directory under the system temp dir, removed automatically (see above). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `dgm-test-${prefix}-`));
  try {
    onTestFinished(() => removeDir(dir));
  } catch {
    // Not inside a test: vitest refuses the hook, so the file-level cleanup takes it.
    madeOutsideTests.add(dir);
  }
  return dir;
}

/** Removes the directories made outside tests; runs after each test file's own afterAll hooks. */
export function removeFileTempDirs(): void {
  for (const dir of madeOutsideTests) removeDir(dir);
  madeOutsideTests.clear();
}
