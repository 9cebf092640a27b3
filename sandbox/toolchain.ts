// Read-only toolchain for agents inside the sandbox: the host's TypeScript, esbuild (+ its native
// binary package) and @types/node, mounted under /opt/dgm-tools, with small wrapper scripts in
// /opt/dgm-tools/bin (tsc, esbuild, agent-check) so an agent can typecheck, bundle and test itself.
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SandboxError } from "./errors.ts";
import type { BindMount } from "./types.ts";

export const TOOLCHAIN_ROOT = "/opt/dgm-tools";
export const TOOLCHAIN_BIN = `${TOOLCHAIN_ROOT}/bin`;

/** The project root, found from this file's location (not the cwd). */
const projectRoot = fileURLToPath(new URL("..", import.meta.url));

export interface Toolchain {
  mounts: BindMount[];
  /** PATH for execs that want the wrappers first. */
  path: string;
}

const nodeModules = [
  "typescript",
  "esbuild",
  `@esbuild/${process.platform}-${process.arch}`,
  "@types/node",
  "undici-types",
];

const TSC = `${TOOLCHAIN_ROOT}/node_modules/typescript/bin/tsc`;
const ESBUILD = `${TOOLCHAIN_ROOT}/node_modules/@esbuild/${process.platform}-${process.arch}/bin/esbuild`;
const TYPE_ROOTS = `${TOOLCHAIN_ROOT}/node_modules/@types`;

const wrappers: Record<string, string> = {
  tsc: `#!/bin/sh\n# TypeScript compiler from the host, read-only. @types/node is found via --typeRoots ${TYPE_ROOTS}.\nexec node ${TSC} "$@"\n`,
  esbuild: `#!/bin/sh\nexec ${ESBUILD} "$@"\n`,
  "agent-check": `#!/bin/sh
# Checks an agent source tree (default: the current directory): typecheck with its tsconfig,
# bundle src/main.ts into one .mjs, then bundle and run its own tests (test/*.test.ts) with node --test.
set -e
cd "\${1:-.}"
out="$(mktemp -d)"
echo "== typecheck (tsc -p tsconfig.json)"
node ${TSC} -p tsconfig.json --noEmit --typeRoots ${TYPE_ROOTS}
echo "== bundle (esbuild src/main.ts)"
${ESBUILD} src/main.ts --bundle --platform=node --format=esm --target=node20 --outfile="$out/agent.mjs" --log-level=warning
tests=$(ls test/*.test.ts 2>/dev/null || true)
if [ -z "$tests" ]; then echo "== no tests (test/*.test.ts)"; echo "agent-check: ok"; exit 0; fi
echo "== tests (node --test)"
for t in $tests; do
  ${ESBUILD} "$t" --bundle --platform=node --format=esm --target=node20 --outfile="$out/tests/$(basename "$t" .ts).mjs" --log-level=warning
done
node --test "$out"/tests/*.mjs
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
    // Write then rename so a concurrent reader never sees a half-written script.
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, text, { mode: 0o755 });
    await rename(temporary, file);
  }
  return dir;
}

/** Read-only mounts that make tsc, esbuild and agent-check available in a session container. */
export async function prepareToolchain(): Promise<Toolchain> {
  const mounts: BindMount[] = [];
  for (const name of nodeModules) {
    const hostPath = join(projectRoot, "node_modules", name);
    if (!existsSync(hostPath)) {
      throw new SandboxError(`toolchain: ${hostPath} is missing; run \`npm install\` in ${projectRoot}`);
    }
    mounts.push({ hostPath, containerPath: `${TOOLCHAIN_ROOT}/node_modules/${name}`, readOnly: true });
  }
  mounts.push({ hostPath: await writeWrappers(), containerPath: TOOLCHAIN_BIN, readOnly: true });
  return { mounts, path: `${TOOLCHAIN_BIN}:/usr/local/bin:/usr/bin:/bin` };
}
