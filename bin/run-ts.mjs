#!/usr/bin/env node
// Runs one TypeScript file (a benchmark or a script) with tsx's loader: `node bin/run-ts.mjs bench/x.ts`.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bin/run-ts.mjs <file.ts> [args…]");
  process.exit(2);
}
process.argv = [process.argv[0] ?? "node", file, ...rest];
register();
await import(pathToFileURL(resolve(file)).href);
