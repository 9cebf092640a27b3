// The host unpacks tars produced by untrusted code: nothing may land outside the target directory.
import { lstat, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import * as tar from "tar-stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_EXTRACT_POLICY, extractInto } from "../../sandbox/tar-pack.ts";

type EntryHeader = Parameters<tar.Pack["entry"]>[0];

/** The whole tar as one buffer, as a container's tar arrives: a live pack would throw from its own entries when aborted. */
async function craftedTar(entries: Array<{ header: EntryHeader; body?: string }>): Promise<Readable> {
  const pack = tar.pack();
  for (const { header, body } of entries) pack.entry(header, body ?? "");
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return Readable.from([Buffer.concat(chunks)]);
}

describe("extracting an untrusted tar on the host", () => {
  let scratch: string;
  beforeEach(async () => {
    scratch = await mkdtemp(join(tmpdir(), "dgm-tar-guard-"));
  });
  afterEach(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("refuses entries that climb out with ..", async () => {
    const target = join(scratch, "target");
    const tarball = await craftedTar([{ header: { name: "../escaped.txt", type: "file" }, body: "x" }]);
    await expect(pipeline(tarball, extractInto(target).sink)).rejects.toThrow(/escapes/);
    await expect(lstat(join(scratch, "escaped.txt"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses to write through a symlink the same tar created", async () => {
    const target = join(scratch, "target");
    const tarball = await craftedTar([
      { header: { name: "sub", type: "directory" } },
      { header: { name: "link", type: "symlink", linkname: "sub" } },
      { header: { name: "link/through.txt", type: "file" }, body: "x" },
    ]);
    const inside = { ...DEFAULT_EXTRACT_POLICY, symlinks: "inside" as const };
    await expect(pipeline(tarball, extractInto(target, inside).sink)).rejects.toThrow(/symlink/);
    await expect(lstat(join(target, "sub", "through.txt"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("never creates a link that leaves the target, and lists what it refused", async () => {
    const target = join(scratch, "target");
    const tarball = await craftedTar([
      { header: { name: "environ", type: "symlink", linkname: "/proc/self/environ" } },
      { header: { name: "up", type: "symlink", linkname: "../../etc/passwd" } },
      { header: { name: "near", type: "symlink", linkname: "kept.txt" } },
      { header: { name: "kept.txt", type: "file" }, body: "ok" },
      { header: { name: "hard", type: "link", linkname: "/etc/shadow" } },
      { header: { name: "pipe", type: "fifo" } },
    ]);
    const extraction = extractInto(target, { ...DEFAULT_EXTRACT_POLICY, symlinks: "inside" });
    await pipeline(tarball, extraction.sink);
    expect(extraction.refused).toEqual([
      "environ: symbolic link to /proc/self/environ (refused)",
      "up: symbolic link to ../../etc/passwd (refused)",
      "hard: link (refused)",
      "pipe: fifo (refused)",
    ]);
    expect((await lstat(join(target, "near"))).isSymbolicLink()).toBe(true);
    for (const name of ["environ", "up", "hard", "pipe"])
      await expect(lstat(join(target, name))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("creates no symlink at all under the default policy", async () => {
    const target = join(scratch, "target");
    const extraction = extractInto(target);
    await pipeline(
      await craftedTar([{ header: { name: "near", type: "symlink", linkname: "kept.txt" } }]),
      extraction.sink,
    );
    expect(extraction.refused).toEqual(["near: symbolic link to kept.txt (refused)"]);
    await expect(lstat(join(target, "near"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("stops at the byte cap before writing the file that crosses it", async () => {
    const target = join(scratch, "target");
    const tarball = await craftedTar([
      { header: { name: "small.txt", type: "file" }, body: "x".repeat(10) },
      { header: { name: "big.bin", type: "file" }, body: "y".repeat(100) },
    ]);
    const policy = { ...DEFAULT_EXTRACT_POLICY, maxBytes: 50 };
    await expect(pipeline(tarball, extractInto(target, policy).sink)).rejects.toThrow(/more than 50 bytes.*big\.bin/);
    await expect(lstat(join(target, "big.bin"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("stops at the entry cap", async () => {
    const target = join(scratch, "target");
    const entries = Array.from({ length: 5 }, (_, i) => ({
      header: { name: `f${i}`, type: "file" as const },
      body: "",
    }));
    const policy = { ...DEFAULT_EXTRACT_POLICY, maxEntries: 3 };
    await expect(pipeline(await craftedTar(entries), extractInto(target, policy).sink)).rejects.toThrow(
      /more than 3 entries/,
    );
  });
});
