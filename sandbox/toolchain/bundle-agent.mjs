// Bundles an agent (src/main.ts → one ESM file) with esbuild, INSIDE a sandbox container: bundling reads
// the agent's files, and an agent's files are hostile, so this never runs on the host. Imports are held
// to the agent contract: Node's standard library and files inside the agent's own directory.
// Usage: node bundle-agent.mjs <agent dir> <out file>. Prints one JSON line: {"ok":true,"bytes":n} or
// {"ok":false,"errors":["src/x.ts:3:1: message", …]}.
import { statSync } from "node:fs";
import { builtinModules } from "node:module";
import { isAbsolute, relative, resolve } from "node:path";
import { build } from "../node_modules/esbuild/lib/main.js";

const [sourceArg, outFile] = process.argv.slice(2);
if (!sourceArg || !outFile) {
  console.log(JSON.stringify({ ok: false, errors: ["usage: bundle-agent <agent dir> <out file>"] }));
  process.exit(2);
}
const sourceDir = resolve(sourceArg);
const builtins = new Set(builtinModules);

function insideOf(dir, path) {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Externalises Node builtins; refuses packages and files outside the agent directory. */
const contract = {
  name: "agent-contract",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      const spec = args.path;
      if (spec.startsWith("node:") || builtins.has(spec)) return { path: spec, external: true };
      if (spec.startsWith(".") || isAbsolute(spec)) {
        if (insideOf(sourceDir, resolve(args.resolveDir, spec))) return undefined;
        return { errors: [{ text: `imports ${spec}, which is outside the agent's directory` }] };
      }
      return { errors: [{ text: `imports the package "${spec}"; agents may depend on Node's standard library only` }] };
    });
  },
};

function describe(message) {
  const where = message.location
    ? `${relative(sourceDir, resolve(sourceDir, message.location.file))}:${message.location.line}:${message.location.column + 1}: `
    : "";
  return `${where}${message.text}`;
}

try {
  await build({
    absWorkingDir: sourceDir,
    entryPoints: ["src/main.ts"],
    outfile: outFile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "silent",
    plugins: [contract],
  });
  console.log(JSON.stringify({ ok: true, bytes: statSync(outFile).size }));
} catch (error) {
  const errors = Array.isArray(error?.errors) && error.errors.length > 0 ? error.errors : [{ text: String(error) }];
  console.log(JSON.stringify({ ok: false, errors: errors.slice(0, 5).map(describe) }));
  process.exitCode = 1;
}
