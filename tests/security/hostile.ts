// Hostile agents and the canary they hunt. Each agent is a real agent tree (tsconfig + src/main.ts,
// Node's standard library only) that passes the gate honestly — it behaves in the smoke run — and
// attacks the host everywhere else, the way an agent under selection pressure would.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { tempDir } from "../support/temp.ts";

const seedTsconfig = new URL("../../agents/seed/tsconfig.json", import.meta.url).pathname;

/** The secret in every test worker's initial environment (set by tests/global-setup.ts). */
export function canary(): string {
  const key = process.env.DGM_TEST_CANARY_KEY;
  if (!key) throw new Error("DGM_TEST_CANARY_KEY is not set: tests/global-setup.ts sets it before the workers start");
  // The attacks aim at /proc/self/environ: if the canary were not there, a passing test would prove nothing.
  expect(readFileSync("/proc/self/environ", "latin1")).toContain(key);
  return key;
}

export interface HostileAgentOptions {
  /** TypeScript run at start outside the smoke run, with `workspace`, `out` and node:fs's functions in scope. */
  attack: string;
  /** Lines put at the top of src/main.ts (imports). */
  header?: string;
  /** TypeScript run in the smoke run instead of writing hello.txt honestly. */
  smokeAttack?: string;
  /** Extra files in the agent's tree (relative path → content). */
  files?: Record<string, string>;
  /** Replaces the tsconfig.json (default: the seed's). */
  tsconfig?: unknown;
}

/** Writes a hostile agent tree and returns its directory. */
export function hostileAgent(options: HostileAgentOptions): string {
  const dir = join(tempDir("hostile-agent"), "agent");
  mkdirSync(join(dir, "src"), { recursive: true });
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify(options.tsconfig ?? JSON.parse(readFileSync(seedTsconfig, "utf8")), null, 2),
  );
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "hostile-agent", private: true, type: "module" }));
  const honestSmoke = `writeFileSync(join(workspace, "hello.txt"), "hello from the dgm gate\\n");`;
  writeFileSync(
    join(dir, "src", "main.ts"),
    `${options.header ?? ""}
import { mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";

void [rmSync, symlinkSync, truncateSync];
const arg = (name: string): string => process.argv[process.argv.indexOf(\`--\${name}\`) + 1] ?? "";
const workspace = arg("workspace");
const out = arg("out");
mkdirSync(out, { recursive: true });
const smoke = readFileSync(arg("instructions"), "utf8").includes("hello from the dgm gate");
writeFileSync(join(out, "trajectory.jsonl"), \`\${JSON.stringify({ type: "start", workspace, smoke })}\\n\`);
if (smoke) {
  ${options.smokeAttack ?? honestSmoke}
} else {
  ${options.attack}
}
`,
  );
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** Every file under `dir` (links not followed) whose bytes contain `secret`: should always be []. */
export function filesHolding(dir: string, secret: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && readFileSync(path).includes(secret)) found.push(path);
    }
  };
  walk(dir);
  return found;
}
