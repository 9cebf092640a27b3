// Copy in and out with tar streams through exec: must work on the read-only root and keep
// everything a source tree carries.
import { chmod, lstat, mkdir, mkdtemp, readFile, readlink, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { withSession } from "../../sandbox/index.ts";
import { describeDocker, testSandbox, testSessionOptions } from "../support/docker.ts";

describeDocker("sandbox copy in/out", () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "dgm-copy-"));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("round-trips nested dirs, binary, inside symlinks (never links out), unicode names, empty files and exec bits", async () => {
    const source = join(scratch, "in");
    const binary = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
    const longName = `${"deep-".repeat(30)}file.txt`;
    await mkdir(join(source, "a/b/c"), { recursive: true });
    await mkdir(join(source, "empty-dir"));
    await writeFile(join(source, "a/b/c/nested.txt"), "nested\n");
    await writeFile(join(source, "blob.bin"), binary);
    await writeFile(join(source, "empty.txt"), "");
    await writeFile(join(source, "ünïcödé 名前.txt"), "unicode\n");
    await writeFile(join(source, "a", longName), "long\n");
    await writeFile(join(source, "run.sh"), "#!/bin/sh\necho ran\n");
    await chmod(join(source, "run.sh"), 0o755);
    await symlink("a/b/c/nested.txt", join(source, "link-to-nested"));
    await symlink("/etc/hostname", join(source, "absolute-link"));

    const back = join(scratch, "out");
    await withSession(testSandbox(), testSessionOptions(), async (session) => {
      await session.copyIn(source, "/workspace/project");
      const inside = await session.exec({
        cmd: ["sh", "-c", "./run.sh && cat link-to-nested && stat -c %s blob.bin && touch made-inside"],
        cwd: "/workspace/project",
        timeoutMs: 5_000,
      });
      expect(inside.stdout).toBe("ran\nnested\n70000\n");
      const { refused } = await session.copyOut("/workspace/project", back, {
        symlinks: "inside",
        maxBytes: 1024 * 1024,
        maxEntries: 100,
      });
      expect(refused).toEqual(["absolute-link: symbolic link to /etc/hostname (refused)"]);
    });

    expect(await readFile(join(back, "a/b/c/nested.txt"), "utf8")).toBe("nested\n");
    expect((await readFile(join(back, "blob.bin"))).equals(binary)).toBe(true);
    expect(await readFile(join(back, "empty.txt"), "utf8")).toBe("");
    expect(await readFile(join(back, "ünïcödé 名前.txt"), "utf8")).toBe("unicode\n");
    expect(await readFile(join(back, "a", longName), "utf8")).toBe("long\n");
    expect((await lstat(join(back, "empty-dir"))).isDirectory()).toBe(true);
    expect((await lstat(join(back, "run.sh"))).mode & 0o777).toBe(0o755);
    expect((await lstat(join(back, "empty.txt"))).mode & 0o111).toBe(0);
    expect(await readlink(join(back, "link-to-nested"))).toBe("a/b/c/nested.txt");
    await expect(lstat(join(back, "absolute-link"))).rejects.toMatchObject({ code: "ENOENT" });
    expect((await lstat(join(back, "made-inside"))).isFile()).toBe(true);
  });

  it("writes in-memory files, creating parent directories", async () => {
    await withSession(testSandbox(), testSessionOptions(), async (session) => {
      await session.writeFiles("/workspace/w", { "x/y/z.txt": "zed", "top.py": Buffer.from("print(1)\n") });
      const result = await session.exec({
        cmd: ["sh", "-c", "cat x/y/z.txt; python3 top.py"],
        cwd: "/workspace/w",
        timeoutMs: 5_000,
      });
      expect(result.stdout).toBe("zed1\n");
    });
  });
});
