// The grading script, run in a fresh container of the instance's image on its freshly committed
// /testbed, in the published harness's order: activate the environment, the spec's eval commands,
// apply the agent's patch (git apply, then patch with fuzz), put the test patch's files and the
// test-runner hooks back as they were at the base (an agent's edit of them counts for nothing), apply the test
// patch, and run the test command on the test patch's files between two markers. The markers carry
// a nonce the script reads from stdin, which no test process can see: output the solution prints
// cannot end or restart the parsed section.
import { SAFE_GIT as GIT } from "./repository.ts";
import type { RepoSpec } from "./specs.ts";

/** Where the script finds its inputs and leaves the test log (a directory in /tmp, the grading session's). */
export const GRADE_DIR = "/tmp/dgm-grade";
export const AGENT_PATCH = `${GRADE_DIR}/agent.patch`;
export const TEST_PATCH = `${GRADE_DIR}/test.patch`;
export const LOG_DIR = `${GRADE_DIR}/log`;
export const TEST_LOG = "test.log";
export const MARKER = "@@dgm-swebench";

export interface EvalScriptInput {
  spec: RepoSpec;
  /** The base commit of the session's /testbed (commitBase). */
  base: string;
  /** Files put back as they were at the base before the test patch is applied (test-integrity.ts). */
  resetFiles: string[];
  /** Arguments after the test command: the test patch's files (or their module names). */
  directives: string[];
  testSeconds: number;
}

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

export function evalScript(input: EvalScriptInput): string {
  const quotedFiles = input.resetFiles.map(shellQuote).join(" ");
  const command = [input.spec.testCommand, ...input.directives.map(shellQuote)].join(" ");
  return [
    "set -u",
    "read -r nonce",
    `say() { echo "${MARKER} $nonce $*"; }`,
    // Read before the agent's patch touches anything: a patch that wrote through a link cannot change it.
    `test_patch="$(cat ${TEST_PATCH})"; rm -f ${TEST_PATCH}`,
    "cd /testbed",
    // The published images activate conda in root's .bashrc; the grader runs as the agent's user.
    "if [ -f /opt/miniconda3/bin/activate ]; then . /opt/miniconda3/bin/activate && conda activate testbed; fi",
    ...input.spec.evalCommands,
    `if [ -s ${AGENT_PATCH} ]; then`,
    `  if ${GIT} apply -v ${AGENT_PATCH} > ${GRADE_DIR}/apply.out 2>&1 || patch --batch --fuzz=5 -p1 -i ${AGENT_PATCH} >> ${GRADE_DIR}/apply.out 2>&1; then say applied`,
    `  else tail -c 4000 ${GRADE_DIR}/apply.out; say apply-failed; exit 0; fi`,
    "fi",
    `for file in ${quotedFiles}; do`,
    `  if ${GIT} cat-file -e ${input.base}:"$file" 2>/dev/null; then ${GIT} checkout -q ${input.base} -- "$file"; else rm -rf -- "$file"; fi`,
    "done",
    `if ! printf '%s\n' "$test_patch" | ${GIT} apply -v - > ${GRADE_DIR}/test-apply.out 2>&1; then tail -c 4000 ${GRADE_DIR}/test-apply.out; say test-patch-failed; exit 0; fi`,
    `mkdir -p ${LOG_DIR}`,
    "say start",
    `timeout -k 5 ${input.testSeconds} bash -c ${shellQuote(command)} < /dev/null > ${LOG_DIR}/${TEST_LOG} 2>&1; code=$?`,
    'say "end $code"',
  ].join("\n");
}

/** What the script's control lines (those with this run's nonce) say happened. */
export type ScriptOutcome =
  | { kind: "apply-failed"; detail: string }
  | { kind: "test-patch-failed"; detail: string }
  | { kind: "ran"; exitCode: number; applied: boolean }
  | { kind: "incomplete"; detail: string };

export function scriptOutcome(stdout: string, nonce: string): ScriptOutcome {
  const prefix = `${MARKER} ${nonce} `;
  const said: string[] = [];
  const other: string[] = [];
  for (const line of stdout.split("\n")) {
    if (line.startsWith(prefix)) said.push(line.slice(prefix.length).trim());
    else other.push(line);
  }
  const detail = other.join("\n").trim().slice(-4000);
  if (said.includes("apply-failed")) return { kind: "apply-failed", detail };
  if (said.includes("test-patch-failed")) return { kind: "test-patch-failed", detail };
  const end = said.find((line) => line.startsWith("end "));
  if (said.includes("start") && end)
    return { kind: "ran", exitCode: Number(end.slice(4)), applied: said.includes("applied") };
  return { kind: "incomplete", detail };
}
