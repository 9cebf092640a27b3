// The host unpacks tars produced by untrusted code: nothing may land outside the target directory.
import { lstat, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import * as tar from "tar-stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { extractInto } from "../../sandbox/tar-pack.ts";

type EntryHeader = Parameters<tar.Pack["entry"]>[0];

function craftedTar(entries: Array<{ header: EntryHeader; body?: string }>): AsyncIterable<Buffer> {
  const pack = tar.pack();
  for (const { header, body } of entries) pack.entry(header, body ?? "");
  pack.finalize();
  return pack as unknown as AsyncIterable<Buffer>;
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
    const tarball = craftedTar([{ header: { name: "../escaped.txt", type: "file" }, body: "x" }]);
    await expect(pipeline(tarball, extractInto(target))).rejects.toThrow(/escapes/);
    await expect(lstat(join(scratch, "escaped.txt"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses to write through a symlink the same tar created", async () => {
    const target = join(scratch, "target");
    const tarball = craftedTar([
      { header: { name: "link", type: "symlink", linkname: scratch } },
      { header: { name: "link/through.txt", type: "file" }, body: "x" },
    ]);
    await expect(pipeline(tarball, extractInto(target))).rejects.toThrow(/symlink/);
    await expect(lstat(join(scratch, "through.txt"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});
