// SWE-bench instances as published (princeton-nlp/SWE-bench and its variants): snake_case records, one
// per task, read from a JSON Lines file or a JSON array. Each record is checked with zod, and every
// problem names the file, the line or index, the instance and the field, and says how to fix it —
// a bad instance found here costs nothing, one found after an hour of agent runs costs the hour.
import { closeSync, existsSync, fstatSync, openSync, readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { TaskError } from "../errors.ts";

export interface SwebenchInstance {
  instanceId: string;
  repo: string;
  baseCommit: string;
  problemStatement: string;
  /** The gold patch (the reference fix); may be empty in datasets published without one. */
  patch: string;
  /** The hidden tests, applied only when grading. */
  testPatch: string;
  failToPass: string[];
  passToPass: string[];
  /** Always a string such as "3.0" (see `versionText`). */
  version: string;
  environmentSetupCommit?: string;
  hintsText?: string;
  createdAt?: string;
}

/**
 * The largest instance file read. SWE-bench's full test split is about 100 MB; past this a file is
 * almost surely not an instance file, and a V8 string cannot hold much more than 512 MiB anyway.
 */
export const MAX_INSTANCES_FILE_BYTES = 256 * 1024 * 1024;

/** How many problems one error lists before it only counts the rest. */
const MAX_LISTED_PROBLEMS = 20;

const requiredText = (fix: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `is missing: ${fix}` : `must be a string: ${fix}`) });

const optionalText = z
  .string({ error: "must be a string when present" })
  .nullish()
  .transform((value) => value ?? undefined);

const hexCommit = (fix: string) => requiredText(fix).regex(/^[0-9a-fA-F]{7,40}$/, `must be 7–40 hex digits: ${fix}`);

/** A diff as `git apply` takes it; the grader also reads the test files' paths from these headers. */
const looksLikeDiff = (text: string): boolean => /^diff --git a\/\S/m.test(text);

const TEST_LIST_FIX =
  'give an array of test names, or the JSON-encoded array string Hugging Face publishes ("[\\"test_a\\"]")';

/** FAIL_TO_PASS / PASS_TO_PASS: an array, or (as on Hugging Face) a string holding a JSON array. */
const testList = z.unknown().transform((value, ctx): string[] => {
  let list: unknown = value;
  if (value === undefined) {
    ctx.addIssue({ code: "custom", message: `is missing: ${TEST_LIST_FIX}` });
    return z.NEVER;
  }
  if (typeof value === "string") {
    try {
      list = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: "custom", message: `is a string that is not a JSON array: ${TEST_LIST_FIX}` });
      return z.NEVER;
    }
  }
  if (!Array.isArray(list) || !list.every((name) => typeof name === "string" && name.length > 0)) {
    ctx.addIssue({ code: "custom", message: `must be a list of non-empty test names: ${TEST_LIST_FIX}` });
    return z.NEVER;
  }
  return list;
});

/**
 * The published data writes versions as strings ("3.0"), and the specs are keyed by them. A number
 * would lose the trailing zero (3.0 parses as 3), so an integral number gets one decimal back:
 * 3 → "3.0", 0.12 → "0.12". A version such as "3.10" must be given as a string to survive.
 */
function versionText(version: string | number): string {
  return typeof version === "number" && Number.isInteger(version) ? version.toFixed(1) : String(version);
}

const instanceSchema = z.object({
  instance_id: requiredText('name the instance, e.g. "django__django-10973"').regex(
    /^[A-Za-z0-9_.-]+__[A-Za-z0-9_.-]+-\d+$/,
    'must look like owner__repo-number, e.g. "django__django-10973"',
  ),
  repo: requiredText('give the GitHub repository, e.g. "django/django"').regex(
    /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/,
    'must be "owner/name", e.g. "django/django"',
  ),
  base_commit: hexCommit("give the commit the task starts from"),
  problem_statement: requiredText("give the issue text the agent is asked to solve").min(
    1,
    "is empty: the agent is given nothing to solve — give the issue text",
  ),
  patch: requiredText('give the gold patch as a diff ("" when the dataset has none)').refine(
    (text) => text === "" || looksLikeDiff(text),
    'is not a diff: give the gold patch with "diff --git a/… b/…" headers, or "" when there is none',
  ),
  test_patch: requiredText("give the diff that adds the hidden tests").refine(
    looksLikeDiff,
    'is not a diff: give the patch that adds the hidden tests, with "diff --git a/… b/…" headers',
  ),
  FAIL_TO_PASS: testList.refine(
    (list) => list.length > 0,
    "is empty: an instance with no FAIL_TO_PASS test cannot show that a fix works — list the tests the gold patch makes pass, or drop the instance",
  ),
  PASS_TO_PASS: testList,
  version: z
    .union([z.string().min(1), z.number().finite()], {
      error: 'must be the repository version the test specs are keyed by, as a string such as "3.0"',
    })
    .transform(versionText),
  environment_setup_commit: hexCommit("give the commit the environment was built from, or leave the field out")
    .nullish()
    .transform((value) => value ?? undefined),
  hints_text: optionalText,
  created_at: optionalText,
});

type InstanceRecord = z.output<typeof instanceSchema>;

function toInstance(record: InstanceRecord): SwebenchInstance {
  const instance: SwebenchInstance = {
    instanceId: record.instance_id,
    repo: record.repo,
    baseCommit: record.base_commit,
    problemStatement: record.problem_statement,
    patch: record.patch,
    testPatch: record.test_patch,
    failToPass: record.FAIL_TO_PASS,
    passToPass: record.PASS_TO_PASS,
    version: record.version,
  };
  if (record.environment_setup_commit !== undefined) instance.environmentSetupCommit = record.environment_setup_commit;
  if (record.hints_text !== undefined) instance.hintsText = record.hints_text;
  if (record.created_at !== undefined) instance.createdAt = record.created_at;
  return instance;
}

/** One record before validation, with where it came from ("line 3" or "index 2"). */
interface RawRecord {
  where: string;
  value: unknown;
}

/**
 * The records of the text. The content decides the form, not the file name: Hugging Face's
 * `to_json` writes JSON Lines even to a ".json" name. A document starting with "[" is a JSON array;
 * one object holding an "instances" array is accepted too; anything else is JSON Lines.
 */
function splitRecords(text: string, source: string, problems: string[]): RawRecord[] {
  const body = text.replace(/^\uFEFF/, "");
  const trimmed = body.trimStart();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    let whole: unknown;
    try {
      whole = JSON.parse(body);
    } catch (error) {
      if (trimmed.startsWith("[")) {
        problems.push(
          `${source} is not valid JSON (${messageOf(error)}): fix the array, or write one instance per line`,
        );
        return [];
      }
    }
    const list = Array.isArray(whole) ? whole : instancesField(whole);
    if (list) return list.map((value, index) => ({ where: `index ${index}`, value }));
    // One object alone: a one-line JSON Lines file, or one instance written over several lines.
    if (whole !== undefined) {
      const firstLine = body.slice(0, body.length - trimmed.length).split("\n").length;
      const oneLine = !trimmed.trimEnd().includes("\n");
      return [{ where: oneLine ? `line ${firstLine}` : "(the whole file)", value: whole }];
    }
  }
  const records: RawRecord[] = [];
  body.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    try {
      records.push({ where: `line ${index + 1}`, value: JSON.parse(line) });
    } catch (error) {
      problems.push(
        `${source} line ${index + 1} is not valid JSON (${messageOf(error)}): each line of a JSON Lines file must be one whole instance object; for a JSON document, put the instances in an array`,
      );
    }
  });
  return records;
}

function instancesField(value: unknown): unknown[] | undefined {
  if (typeof value !== "object" || value === null || !("instances" in value)) return undefined;
  return Array.isArray(value.instances) ? value.instances : undefined;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function idOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || !("instance_id" in value)) return undefined;
  return typeof value.instance_id === "string" ? value.instance_id : undefined;
}

/** Parses and checks instance records; `source` (the file) names where each problem is. */
export function parseInstances(text: string, source: string): SwebenchInstance[] {
  const problems: string[] = [];
  const records = splitRecords(text, source, problems);
  const instances: SwebenchInstance[] = [];
  const firstSeen = new Map<string, string>();
  for (const { where, value } of records) {
    const id = idOf(value);
    const at = `${source} ${where}${id === undefined ? "" : ` (instance ${id})`}`;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push(`${at} is not an object: each instance is a JSON object with instance_id, repo, base_commit, …`);
      continue;
    }
    const parsed = instanceSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${at}: ${issue.path.join(".") || "(record)"} ${issue.message}`);
      continue;
    }
    const earlier = firstSeen.get(parsed.data.instance_id);
    if (earlier !== undefined) {
      problems.push(`${at}: instance_id is a duplicate of ${earlier}: each instance must appear once — remove one`);
      continue;
    }
    firstSeen.set(parsed.data.instance_id, where);
    instances.push(toInstance(parsed.data));
  }
  if (problems.length === 0 && instances.length === 0) {
    problems.push(`${source} holds no instances: give one JSON object per line, or a JSON array of them`);
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    const more = problems.length - listed.length;
    throw new TaskError(
      `${problems.length} problem(s) in SWE-bench instances ${source}:\n  ${listed.join("\n  ")}${more > 0 ? `\n  … and ${more} more` : ""}`,
      {
        fix: "fix the records named above; fields are as published in the SWE-bench dataset (instance_id, repo, base_commit, …)",
      },
    );
  }
  return instances;
}

/** Reads and checks an instance file (.jsonl or .json); `maxBytes` caps what is read. */
export function readInstancesFile(path: string, maxBytes = MAX_INSTANCES_FILE_BYTES): SwebenchInstance[] {
  if (!existsSync(path)) {
    throw new TaskError(`SWE-bench instance file ${path} does not exist`, {
      fix: "give the path of a .jsonl or .json export of the dataset (e.g. SWE-bench_Verified's test split)",
    });
  }
  if (!statSync(path).isFile()) throw new TaskError(`SWE-bench instance file ${path} is not a file`);
  const fd = openSync(path, "r");
  try {
    // The size is checked on the open file, so the file read is the file measured.
    const size = fstatSync(fd).size;
    if (size > maxBytes) {
      throw new TaskError(
        `SWE-bench instance file ${path} is ${mebibytes(size)} MiB, past the ${mebibytes(maxBytes)} MiB this reads`,
        { fix: "keep only the instances you need in a smaller file (SWE-bench's full test split is about 100 MB)" },
      );
    }
    return parseInstances(readFileSync(fd, "utf8"), path);
  } finally {
    closeSync(fd);
  }
}

const mebibytes = (bytes: number): string => (bytes / (1024 * 1024)).toFixed(1);
