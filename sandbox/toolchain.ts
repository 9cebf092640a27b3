// Read-only toolchain inside the sandbox: the host's TypeScript, esbuild (+ its native binary package)
// and @types/node, mounted under /opt/dgm-tools, our bundle script in /opt/dgm-tools/lib, and small
// wrapper scripts in /opt/dgm-tools/bin (tsc, esbuild, agent-bundle, agent-check). The gate compiles
// agents with it (agent code is only ever compiled in a container), and an agent uses the same tools
// to typecheck, bundle and test itself.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SandboxError } from "./errors.ts";
import type { ReadOnlyTree, TreeSource } from "./types.ts";

export const TOOLCHAIN_ROOT = "/opt/dgm-tools";
export const TOOLCHAIN_BIN = `${TOOLCHAIN_ROOT}/bin`;

/** The project root, found from this file's location (not the cwd). */
const projectRoot = fileURLToPath(new URL("..", import.meta.url));

export interface Toolchain {
  tree: ReadOnlyTree;
  /** PATH for execs that want the wrappers first. */
  path: string;
}

export const TOOLCHAIN_PATH = `${TOOLCHAIN_ROOT}/bin:/usr/local/bin:/usr/bin:/bin`;

const nodeModules = [
  "typescript",
  "esbuild",
  `@esbuild/${process.platform}-${process.arch}`,
  "@types/node",
  "undici-types",
];

export const TOOLCHAIN_TSC = `${TOOLCHAIN_ROOT}/node_modules/typescript/bin/tsc`;
const ESBUILD = `${TOOLCHAIN_ROOT}/node_modules/@esbuild/${process.platform}-${process.arch}/bin/esbuild`;
export const TOOLCHAIN_TYPE_ROOTS = `${TOOLCHAIN_ROOT}/node_modules/@types`;
/** The agent-contract bundler (sandbox/toolchain/bundle-agent.mjs): `node <it> <agent dir> <out file>`. */
export const TOOLCHAIN_BUNDLE_SCRIPT = `${TOOLCHAIN_ROOT}/lib/bundle-agent.mjs`;
/** The agent's own tests (sandbox/toolchain/agent-tests.mjs): `node <it> <agent dir> <scratch dir>`; the gate and agent-check share it. */
export const TOOLCHAIN_AGENT_TESTS_SCRIPT = `${TOOLCHAIN_ROOT}/lib/agent-tests.mjs`;
/** Host directory of our in-container scripts, mounted at /opt/dgm-tools/lib. */
const libDir = fileURLToPath(new URL("./toolchain/", import.meta.url));

const wrappers: Record<string, string> = {
  tsc: `#!/bin/sh\n# TypeScript compiler from the host, read-only. @types/node is found via --typeRoots ${TOOLCHAIN_TYPE_ROOTS}.\nexec node ${TOOLCHAIN_TSC} "$@"\n`,
  esbuild: `#!/bin/sh\nexec ${ESBUILD} "$@"\n`,
  "agent-bundle": `#!/bin/sh\n# Bundles an agent as the gate does: agent-bundle <agent dir> <out file>.\nexec node ${TOOLCHAIN_BUNDLE_SCRIPT} "$@"\n`,
  "agent-check": `#!/bin/sh
# Checks an agent source tree (default: the current directory) as the gate does: typecheck with its
# tsconfig, bundle src/main.ts into one .mjs, then bundle and run its own tests (test/**/*.test.ts).
set -e
cd "\${1:-.}"
out="$(mktemp -d)"
echo "== typecheck (tsc -p tsconfig.json)"
node ${TOOLCHAIN_TSC} -p tsconfig.json --noEmit --typeRoots ${TOOLCHAIN_TYPE_ROOTS}
echo "== bundle (src/main.ts, as the gate does)"
node ${TOOLCHAIN_BUNDLE_SCRIPT} . "$out/agent.mjs"
echo "== tests (test/**/*.test.ts, as the gate runs them)"
node ${TOOLCHAIN_AGENT_TESTS_SCRIPT} . "$out/tests"
echo "agent-check: ok"
`,
};

/** Writes the wrapper scripts into a host directory (idempotent; content-addressed by a version line). */
async function writeWrappers(): Promise<string> {
  const dir = join(tmpdir(), `dgm-toolchain-bin-${process.getuid?.() ?? 0}`);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  for (const [name, text] of Object.entries(wrappers)) {
    const file = join(dir, name);
    const current = existsSync(file) ? await readFile(file, "utf8") : undefined;
    if (current === text) continue;
    // Write then rename so a concurrent reader never sees a half-written script; the name is unique per
    // call, since two sessions of one process may write at once (each renames its own file into place).
    const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
    await writeFile(temporary, text, { mode: 0o755 });
    await rename(temporary, file);
  }
  return dir;
}

/**
 * The read-only tree that makes tsc, esbuild and agent-check available in a session container
 * (bind-mounted from this checkout on a local engine, copied once to a volume on any other).
 */
export async function prepareToolchain(): Promise<Toolchain> {
  const sources: TreeSource[] = [];
  for (const name of nodeModules) {
    const hostPath = join(projectRoot, "node_modules", name);
    if (!existsSync(hostPath)) {
      throw new SandboxError(`toolchain: ${hostPath} is missing; run \`npm install\` in ${projectRoot}`);
    }
    sources.push({ hostPath, path: `node_modules/${name}` });
  }
  sources.push({ hostPath: libDir, path: "lib" });
  sources.push({ hostPath: await writeWrappers(), path: "bin" });
  return { tree: { name: "toolchain", containerPath: TOOLCHAIN_ROOT, sources }, path: TOOLCHAIN_PATH };
}
