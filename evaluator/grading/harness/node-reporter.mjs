// The grader's reporter for `node --test`. It runs in the PARENT test-runner process, which never loads
// a test file or solution code (each file runs in its own child process). It reads a one-time nonce
// from stdin when it is loaded, before any child starts, counts the children's real test:pass and
// test:fail events, prints readable results (children's own output only indented, so it cannot pose
// as ours), and ends with one line the host trusts: `@@dgm-grade <nonce> {json}`.
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";

const MARKER = "@@dgm-grade";
const TAMPER = "[dgm-grader] tamper:";
/** Children's own output beyond this is cut: it is for reading, and the host keeps only a tail anyway. */
const CHILD_OUTPUT_CHARS = 64_000;

function readNonce() {
  try {
    return readFileSync(0, "utf8").split("\n")[0].trim();
  } catch {
    return "";
  }
}

function hiddenTestFiles() {
  try {
    const config = JSON.parse(process.env.DGM_GRADER ?? "{}");
    return Array.isArray(config.testFiles) ? new Set(config.testFiles.map((file) => resolve(file))) : undefined;
  } catch {
    return undefined;
  }
}

const nonce = readNonce();
const testFiles = hiddenTestFiles();

const shown = (file) => (file ? relative(process.cwd(), file) || file : "?");
const CONTROL = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(8)}${String.fromCharCode(11)}-${String.fromCharCode(31)}${String.fromCharCode(127)}]`,
  "g",
);
const escapeControl = (text) => text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
/** Names and places on one line of ours, whatever they contain. */
const oneLine = (text) => escapeControl(String(text)).replace(/\n/g, "\\n");

/** Indents every line, so nothing a child prints starts a line of ours. */
function indented(text, prefix) {
  return `${text
    .replace(/\r\n/g, "\n")
    .replace(/\n$/, "")
    .split("\n")
    .map((line) => `${prefix}${escapeControl(line)}`)
    .join("\n")}\n`;
}

function errorText(error) {
  const cause = error?.cause ?? error;
  const stack = typeof cause?.stack === "string" ? cause.stack : String(cause?.message ?? cause ?? "failed");
  return stack
    .split("\n")
    .filter((line) => !/\(node:internal|^\s*at node:internal|\(node:async_hooks/.test(line))
    .slice(0, 30)
    .join("\n");
}

export default async function* gradeReporter(source) {
  const counts = { total: 0, passed: 0, failed: 0, skipped: 0 };
  const tamper = [];
  const problems = [];
  const failures = [];
  let childChars = 0;
  for await (const event of source) {
    const data = event.data ?? {};
    const fileLevel = data.nesting === 0 && data.file !== undefined && data.name === data.file;
    if (event.type === "test:stdout" || event.type === "test:stderr") {
      const text = String(data.message ?? "");
      for (const line of text.split("\n")) if (line.startsWith(TAMPER)) tamper.push(line.slice(TAMPER.length).trim());
      if (childChars < CHILD_OUTPUT_CHARS) {
        childChars += text.length;
        const stream = event.type === "test:stdout" ? "stdout" : "stderr";
        yield indented(text.slice(0, CHILD_OUTPUT_CHARS), `  │ ${shown(data.file)} ${stream}: `);
      }
    } else if ((event.type === "test:pass" || event.type === "test:fail") && fileLevel) {
      // A file's own result is reported only when its process failed, or when it reported no test at all.
      const error = data.details?.error;
      const how = error?.signal ? `killed by ${error.signal}` : `exit code ${error?.exitCode ?? "?"}`;
      const problem =
        event.type === "test:pass"
          ? `test file ${shown(data.file)} reported no tests`
          : `test file ${shown(data.file)} failed (${how}): it crashed or ended before its tests finished`;
      problems.push(problem);
      yield `✖ ${oneLine(problem)}\n`;
    } else if (event.type === "test:pass" || event.type === "test:fail") {
      const suite = data.details?.type === "suite";
      const where = `${shown(data.file)}${data.line ? `:${data.line}` : ""}`;
      if (data.skip !== undefined || data.todo !== undefined) {
        if (!suite) counts.skipped += 1;
        yield `- ${oneLine(data.name)} (${oneLine(where)}) ${data.skip !== undefined ? "skipped" : "todo"}\n`;
        continue;
      }
      const passed = event.type === "test:pass";
      if (suite) {
        if (!passed) problems.push(`suite "${data.name}" (${where}) failed`);
        continue;
      }
      counts.total += 1;
      if (passed) {
        counts.passed += 1;
        if (testFiles && !testFiles.has(data.file ?? "")) {
          tamper.push(`test "${data.name}" passed but is defined in ${shown(data.file)}, outside the hidden tests`);
        }
      } else {
        counts.failed += 1;
        failures.push({ name: data.name, where, error: errorText(data.details?.error) });
      }
      yield `${passed ? "✔" : "✖"} ${oneLine(data.name)} (${oneLine(where)})\n`;
    }
  }
  if (failures.length > 0) {
    yield "\nfailures:\n";
    for (const failure of failures)
      yield `\n✖ ${oneLine(failure.name)} (${oneLine(failure.where)})\n${indented(failure.error, "    ")}`;
  }
  yield `\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped of ${counts.total} tests\n`;
  const report = { runner: "node-test", ...counts, problems, tamper };
  yield `${MARKER} ${nonce} ${JSON.stringify(report)}\n`;
}
