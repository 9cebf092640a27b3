// The house's shape, kept true as files are added: rooms only point down (common ← archive, sandbox ←
// evaluator ← src/llm ← src/evolve, src/report ← src/run ← src/cli), a file outside a room reaches it
// only through the room's index.ts, and no import cycle exists between files. The graph is read with
// TypeScript's own pre-processor, so every `import`, `export … from` and dynamic `import()` counts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(new URL("..", import.meta.url).pathname);

/** Each room and how high it stands; a room may import only rooms standing lower. */
const ROOM_LEVELS: Record<string, number> = {
  common: 0,
  archive: 1,
  sandbox: 1,
  evaluator: 2,
  "src/llm": 3,
  "src/evolve": 4,
  "src/report": 4,
  "src/run": 5,
  "src/cli": 6,
  bench: 7,
};
const PRODUCTION = Object.keys(ROOM_LEVELS);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // Task content (evaluator/tasks) and the read-only grading harness are not part of the program.
    if (entry.isDirectory()) return entry.name === "tasks" || entry.name === "node_modules" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The room a file belongs to ("src/evolve", "archive"), or undefined outside every room. */
function roomOf(file: string): string | undefined {
  const parts = relative(root, file).split("/");
  const name = parts[0] === "src" ? `src/${parts[1]}` : parts[0];
  return name !== undefined && name in ROOM_LEVELS ? name : undefined;
}

/** The nearest folder above `file` that has an index.ts: the (sub)room whose front door that index is. */
function frontDoorOf(file: string): string | undefined {
  for (let dir = dirname(file); dir.startsWith(root) && dir !== root; dir = dirname(dir)) {
    if (existsSync(join(dir, "index.ts"))) return dir;
  }
  return undefined;
}

interface Edge {
  from: string;
  to: string;
}

function importsOf(file: string): Edge[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return info.importedFiles
    .filter((imported) => imported.fileName.startsWith("."))
    .map((imported) => ({ from: file, to: resolve(dirname(file), imported.fileName) }));
}

const files = PRODUCTION.flatMap((room) => (existsSync(join(root, room)) ? sourceFiles(join(root, room)) : []));
const edges = files.flatMap(importsOf);
const show = (edge: Edge) => `${relative(root, edge.from)} → ${relative(root, edge.to)}`;

/** Strongly connected components of more than one file (Tarjan), each as relative paths. */
function cycles(nodes: string[], links: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of links) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(relative(root, member));
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return found;
}

describe("the import graph", () => {
  it("reads the program's files (a guard: an empty graph would pass everything)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.length).toBeGreaterThan(300);
  });

  it("rooms only import rooms below them", () => {
    const upward = edges.filter((edge) => {
      const from = roomOf(edge.from);
      const to = roomOf(edge.to);
      if (!from || !to || from === to) return false;
      return (ROOM_LEVELS[to] ?? 0) >= (ROOM_LEVELS[from] ?? 0);
    });
    expect(upward.map(show)).toEqual([]);
  });

  it("every room has an index.ts that other rooms import through", () => {
    const missing = PRODUCTION.filter((room) => !["src/cli", "bench"].includes(room)).filter(
      (room) => !existsSync(join(root, room, "index.ts")),
    );
    expect(missing).toEqual([]);
    const throughTheWall = edges.filter((edge) => {
      const door = frontDoorOf(edge.to);
      if (!door) return false;
      const outside = !edge.from.startsWith(`${door}/`);
      return outside && edge.to !== join(door, "index.ts");
    });
    expect(throughTheWall.map(show)).toEqual([]);
  });

  it("has no import cycles between files", () => {
    expect(cycles(files, edges)).toEqual([]);
  });

  it("catches what it is meant to catch", () => {
    const evaluatorFile = join(root, "evaluator/evaluate.ts");
    const upward: Edge = { from: evaluatorFile, to: join(root, "src/llm/index.ts") };
    expect(ROOM_LEVELS[roomOf(upward.to)!]! >= ROOM_LEVELS[roomOf(upward.from)!]!).toBe(true);
    expect(frontDoorOf(join(root, "src/llm/gateway/gateway.ts"))).toBe(join(root, "src/llm"));
    const a = join(root, "a.ts");
    const b = join(root, "b.ts");
    expect(
      cycles(
        [a, b],
        [
          { from: a, to: b },
          { from: b, to: a },
        ],
      ),
    ).toEqual([["a.ts", "b.ts"]]);
  });
});

describe("the simulator's ground truth", () => {
  // The true score judges a search from outside (bench:search); a loop that read it would be cheating.
  const carriers = new Set([
    "src/llm/sim/true-score.ts",
    "src/llm/sim/index.ts",
    "src/llm/index.ts",
    "src/evolve/in-process/true-scores.ts",
    "src/evolve/in-process/index.ts",
  ]);
  const mentions = (file: string) => /\b(simTrueScore|TrueScores)\b|true-score/.test(readFileSync(file, "utf8"));

  it("reaches only benchmarks (and tests), never the loop", () => {
    const users = files.map((file) => relative(root, file)).filter((file) => !carriers.has(file));
    const leaks = users.filter((file) => !file.startsWith("bench/") && mentions(join(root, file)));
    expect(leaks).toEqual([]);
    // A guard: the benchmark does use it, so the scan reads what it should.
    expect(users.filter((file) => file.startsWith("bench/") && mentions(join(root, file))).length).toBeGreaterThan(0);
  });
});
