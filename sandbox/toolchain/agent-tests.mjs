// Runs an agent's own tests (test/**/*.test.ts) INSIDE a sandbox container: the gate's "tests" stage and
// `agent-check` both call it, so an agent sees exactly the verdict the gate will give. Each test file is
// bundled by esbuild (with an inline source map, so failures point at the .ts line), then run by
// node:test's run() in its own process, one file at a time (a sandbox has one CPU).
// Usage: node agent-tests.mjs <agent dir> <scratch dir>. Prints one line per test, a `# tests/pass/fail`
// summary, then, as its LAST stdout line, one JSON verdict:
//   {"ok":true,"files":n,"passed":n,"failed":0}
//   {"ok":false,"files":n,"passed":n,"failed":n,"failures":[{"test":"suite > name","where":"test/x.test.ts:4:3","message":"…"}]}
//   {"ok":false,"errors":["test/x.test.ts:3:8: Could not resolve …"]}          (the tests do not bundle)
import { readdirSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { run } from "node:test";
import { fileURLToPath } from "node:url";
import { build } from "../node_modules/esbuild/lib/main.js";

/** One hanging test should be named as the culprit, long before the caller's hard deadline. */
const TEST_TIMEOUT_MS = 30_000;
const MAX_FAILURES = 5;
const MAX_FILES = 500;

const [sourceArg, scratchArg] = process.argv.slice(2);
if (!sourceArg || !scratchArg) {
  console.log(JSON.stringify({ ok: false, errors: ["usage: agent-tests <agent dir> <scratch dir>"] }));
  process.exit(2);
}
const sourceDir = resolve(sourceArg);
const scratchDir = resolve(scratchArg);

const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);
/** Multi-line messages (assert's "Expected values to be strictly equal:\n\n3 !== 4") as one line. */
const oneLine = (text, max = 240) =>
  clip(
    String(text)
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .join(" "),
    max,
  );

/** test/**\/*.test.ts, sorted; regular files and directories only (the gate refuses links anyway). */
function findTests(dir, found = []) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) findTests(path, found);
    else if (entry.isFile() && entry.name.endsWith(".test.ts")) found.push(path);
  }
  return found;
}

/** A path as the agent knows it: relative to its directory (a file URL from a stack frame included). */
function agentPath(path) {
  const plain = path.startsWith("file://") ? fileURLToPath(path) : path;
  const rel = relative(sourceDir, plain);
  return rel.startsWith("..") ? plain : rel.split(sep).join("/");
}

/** The first stack frame in the agent's own code, preferring the failing test's file: "test/x.test.ts:4:3". */
function whereIn(stack, testFile) {
  const frames = [];
  for (const match of String(stack ?? "").matchAll(/(file:\/\/[^\s()]+|\/[^\s():]+):(\d+):(\d+)/g)) {
    const path = agentPath(match[1]);
    if (!path.startsWith("/")) frames.push({ path, at: `${path}:${match[2]}:${match[3]}` });
  }
  return (frames.find((frame) => frame.path === testFile) ?? frames[0])?.at;
}

const files = findTests(join(sourceDir, "test"));
if (files.length === 0) {
  console.log("# no test files (test/**/*.test.ts)");
  console.log(JSON.stringify({ ok: true, files: 0, passed: 0, failed: 0 }));
  process.exit(0);
}
if (files.length > MAX_FILES) {
  console.log(JSON.stringify({ ok: false, errors: [`${files.length} test files; at most ${MAX_FILES} are run`] }));
  process.exit(1);
}

// One bundle per test file, named after it: test/sub/a.test.ts → <scratch>/test/sub/a.test.mjs.
const bundleOf = new Map(
  files.map((file) => [join(scratchDir, `${relative(sourceDir, file).slice(0, -3)}.mjs`), file]),
);
try {
  await build({
    absWorkingDir: sourceDir,
    entryPoints: files,
    outdir: scratchDir,
    outbase: sourceDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: "inline",
    sourcesContent: false,
    logLevel: "silent",
  });
} catch (error) {
  const errors = Array.isArray(error?.errors) && error.errors.length > 0 ? error.errors : [{ text: String(error) }];
  const describe = (message) =>
    message.location
      ? `${agentPath(resolve(sourceDir, message.location.file))}:${message.location.line}:${message.location.column + 1}: ${message.text}`
      : message.text;
  console.log(JSON.stringify({ ok: false, errors: errors.slice(0, 5).map(describe) }));
  process.exit(1);
}

// The test processes inherit this: stack frames then name the .ts source, not the bundle.
process.env.NODE_OPTIONS = "--enable-source-maps";
const namesByFile = new Map();
const stderrByFile = new Map();
const failures = [];
let passed = 0;
let failed = 0;
for await (const event of run({ files: [...bundleOf.keys()], timeout: TEST_TIMEOUT_MS, concurrency: 1 })) {
  const data = event.data ?? {};
  const bundle = data.file;
  const testFile = bundle && bundleOf.has(bundle) ? agentPath(bundleOf.get(bundle)) : undefined;
  if (event.type === "test:stderr" && bundle) {
    const lines = (stderrByFile.get(bundle) ?? []).concat(String(data.message).split("\n").filter(Boolean));
    stderrByFile.set(bundle, lines.slice(-40));
    process.stderr.write(String(data.message));
    continue;
  }
  if (event.type === "test:start") {
    const names = namesByFile.get(bundle) ?? [];
    names.length = data.nesting;
    names.push(data.name);
    namesByFile.set(bundle, names);
    continue;
  }
  if (event.type !== "test:pass" && event.type !== "test:fail") continue;
  if (data.details?.type === "suite" || data.skip || data.todo) continue;
  // A file that fails to load is reported as a test named after the bundle's path: name its source instead.
  const fileLevel = bundle !== undefined && data.name === bundle;
  const path = fileLevel
    ? testFile
    : [...(namesByFile.get(bundle) ?? []).slice(0, data.nesting), data.name].join(" > ");
  if (event.type === "test:pass") {
    passed++;
    console.log(`ok - ${path}`);
    continue;
  }
  const error = data.details?.error;
  if (error?.failureType === "subtestsFailed") continue;
  failed++;
  const cause = error?.cause;
  let message = cause instanceof Error ? cause.message : cause !== undefined ? String(cause) : error?.message;
  let where = whereIn(cause?.stack ?? error?.stack, testFile);
  if (fileLevel) {
    // The reason is on the file's stderr ("Error: boom" under the source line); node's banner is not it.
    const stderr = (stderrByFile.get(bundle) ?? []).filter((line) => !/^Node\.js v\d/.test(line));
    message = stderr.find((line) => /^\w*(Error|Exception)\b/.test(line)) ?? stderr.at(-1) ?? message;
    where = whereIn(stderr.join("\n"), testFile);
    message = `does not run: ${message}`;
  }
  const failure = {
    test: path ?? String(data.name),
    where: where ?? testFile ?? null,
    message: oneLine(message ?? "failed"),
  };
  if (failures.length < MAX_FAILURES) failures.push(failure);
  console.log(`not ok - ${failure.test}${failure.where ? ` (${failure.where})` : ""}: ${failure.message}`);
}

console.log(`# tests ${passed + failed}`);
console.log(`# pass ${passed}`);
console.log(`# fail ${failed}`);
const ok = failed === 0;
const verdict = { ok, files: files.length, passed, failed };
if (failures.length > 0) verdict.failures = failures;
console.log(JSON.stringify(verdict));
process.exitCode = ok ? 0 : 1;
