import { readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GitAgentStore, openArchive, type SqliteArchive } from "../../archive/index.ts";
import { tempDir, writeTree } from "./helpers.ts";

const depth = 1000;

describe("a lineage 1000 generations deep", () => {
  let home: ReturnType<typeof tempDir>;
  let archive: SqliteArchive;
  let runId: string;
  const ids: string[] = [];
  let deepest = "";

  beforeAll(async () => {
    home = tempDir();
    archive = await openArchive(home.path);
    runId = archive.createRun({ config: {}, seed: 1 }).id;
    const src = join(home.path, "src");
    await writeTree(src, { "agent.ts": "generation 0\n", "lib/util.ts": "export {};\n" });
    const root = await archive.store.importDir(src, "seed");
    // A real chain of commits, built fast: commit-tree reuses the seed's tree for the middle generations, and the
    // fixture skips fsync (the archive's own store keeps it).
    const scratch = new GitAgentStore(archive.store.gitDir, { durable: false });
    const commits = [root.commit];
    for (let generation = 1; generation < depth; generation++) {
      commits.push(await scratch.commitTreeAsChild(root.tree, commits.at(-1)!, `generation ${generation}`));
    }
    await writeTree(src, { "agent.ts": `generation ${depth}\n` });
    const last = await archive.store.commitChild(commits.at(-1)!, src, "deepest", `generation ${depth}`);
    archive.transaction(() => {
      for (const [generation, commit] of commits.entries()) {
        const id = `g${generation}`;
        archive.createAgent({
          id,
          runId,
          parentId: ids.at(-1) ?? null,
          commit,
          tree: root.tree,
          generation,
          status: "admitted",
        });
        ids.push(id);
      }
      archive.createAgent({
        id: "deepest",
        runId,
        parentId: ids.at(-1)!,
        ...last,
        generation: depth,
        status: "admitted",
      });
      ids.push("deepest");
    });
    deepest = last.commit;
  });
  afterAll(() => {
    archive.close();
    home.remove();
  });

  it("returns the whole lineage root → agent", () => {
    const lineage = archive.lineage("deepest");
    expect(lineage).toHaveLength(depth + 1);
    expect(lineage.map((agent) => agent.id)).toEqual(ids);
    expect(lineage.map((agent) => agent.generation)).toEqual(ids.map((_, generation) => generation));
    expect(archive.subtree("g990").map((agent) => agent.id)).toEqual(ids.slice(990));
  });

  it("checks out the deepest agent from its own commit, whose history really is 1000 deep", async () => {
    const git = simpleGit({ baseDir: archive.store.gitDir });
    expect((await git.raw(["rev-list", "--count", deepest])).trim()).toBe(String(depth + 1));
    const out = join(home.path, "deepest");
    await archive.store.checkout(deepest, out);
    expect(readFileSync(join(out, "agent.ts"), "utf8")).toBe(`generation ${depth}\n`);
    expect(readFileSync(join(out, "lib/util.ts"), "utf8")).toBe("export {};\n");
    expect(await archive.store.diff(archive.getAgent("g1")!.commit, deepest)).toContain(`+generation ${depth}`);
  });
});
