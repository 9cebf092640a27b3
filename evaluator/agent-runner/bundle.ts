// Bundles an agent's source (src/main.ts) into one ESM file with esbuild, on the host: bundling reads
// the agent's code but never executes it. Imports are held to the agent contract: Node's standard
// library and files inside the agent's own directory, nothing else.
import { statSync } from "node:fs";
import { builtinModules } from "node:module";
import { isAbsolute, relative, resolve } from "node:path";
import { build, type Message, type Plugin } from "esbuild";

export type BundleResult = { ok: true; outFile: string; bytes: number } | { ok: false; reason: string };

const builtins = new Set(builtinModules);

function insideOf(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Externalises Node builtins; refuses packages and files outside the agent directory. */
function contractPlugin(sourceDir: string): Plugin {
  return {
    name: "agent-contract",
    setup(pluginBuild) {
      pluginBuild.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return undefined;
        const spec = args.path;
        if (spec.startsWith("node:") || builtins.has(spec)) return { path: spec, external: true };
        if (spec.startsWith(".") || isAbsolute(spec)) {
          const target = resolve(args.resolveDir, spec);
          if (insideOf(sourceDir, target)) return undefined;
          return { errors: [{ text: `imports ${spec}, which is outside the agent's directory` }] };
        }
        return {
          errors: [{ text: `imports the package "${spec}"; agents may depend on Node's standard library only` }],
        };
      });
    },
  };
}

function describe(messages: Message[], sourceDir: string): string {
  return messages
    .slice(0, 5)
    .map((message) => {
      const where = message.location
        ? `${relative(sourceDir, resolve(sourceDir, message.location.file))}:${message.location.line}:${message.location.column + 1}: `
        : "";
      return `${where}${message.text}`;
    })
    .join("; ");
}

export async function bundleAgent(sourceDir: string, outFile: string): Promise<BundleResult> {
  const root = resolve(sourceDir);
  try {
    await build({
      absWorkingDir: root,
      entryPoints: ["src/main.ts"],
      outfile: outFile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "silent",
      plugins: [contractPlugin(root)],
    });
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    const detail = Array.isArray(errors) && errors.length > 0 ? describe(errors, root) : String(error);
    return { ok: false, reason: `bundle failed: ${detail}` };
  }
  return { ok: true, outFile, bytes: statSync(outFile).size };
}
