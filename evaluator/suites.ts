// Resolving a suite spec to tasks: builtin, builtin:small|medium|full, builtin:<task-id>,
// polyglot:<dir>[:<language>|dgm-small|dgm-medium|<exercise-id>],
// swebench:<instances.jsonl|json>[:dgm-small|dgm-medium|dgm-big|<ids file>|<id,id,…>].
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { TaskError } from "./errors.ts";
import { loadTaskDir } from "./load-task.ts";
import { loadPolyglot, POLYGLOT_SUBSETS, type SetAsideTask, scanPolyglot } from "./polyglot/suite.ts";
import { DGM_SWEBENCH_TIERS } from "./swebench/subsets.ts";
import { loadSwebench } from "./swebench/suite.ts";
import type { Task, TaskLanguage, TaskProblem } from "./task-types.ts";

/** evaluator/tasks/: one directory per built-in task, plus suites.json. */
export const BUILTIN_TASKS_DIR = fileURLToPath(new URL("./tasks/", import.meta.url));

export const NAMED_SUBSETS = ["small", "medium", "full"] as const;
export type SubsetName = (typeof NAMED_SUBSETS)[number];

const suitesSchema = z.object({ small: z.array(z.string()), medium: z.array(z.string()) });

/** Every built-in task directory, loaded where valid; broken ones are reported, not thrown. */
export function scanBuiltinTasks(tasksDir = BUILTIN_TASKS_DIR): { tasks: Task[]; problems: TaskProblem[] } {
  if (!existsSync(tasksDir)) throw new TaskError(`the built-in task directory ${tasksDir} is missing`);
  const tasks: Task[] = [];
  const problems: TaskProblem[] = [];
  for (const name of readdirSync(tasksDir).sort()) {
    if (!statSync(join(tasksDir, name)).isDirectory()) continue;
    try {
      const task = loadTaskDir(join(tasksDir, name), "builtin");
      if (task.manifest.id !== name) {
        throw new TaskError(
          `task directory ${name} declares id ${task.manifest.id}: the id must equal the directory name`,
        );
      }
      tasks.push(task);
    } catch (error) {
      problems.push({ name, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { tasks, problems };
}

/** All built-in tasks, sorted by id; throws one TaskError naming every broken task. */
export function loadBuiltinTasks(tasksDir = BUILTIN_TASKS_DIR): Task[] {
  const { tasks, problems } = scanBuiltinTasks(tasksDir);
  if (problems.length > 0) {
    throw new TaskError(
      `${problems.length} built-in task(s) are broken (see \`dgm tasks check\`):\n${problems.map((p) => p.message).join("\n")}`,
    );
  }
  return tasks;
}

/** Names of the built-in task directories (those holding a task.json), sorted. */
export function builtinTaskIds(tasksDir = BUILTIN_TASKS_DIR): string[] {
  return readdirSync(tasksDir)
    .sort()
    .filter((name) => existsSync(join(tasksDir, name, "task.json")));
}

/** The ids of the named subsets (from suites.json); `full` is every built-in task. */
export function builtinSubsets(tasksDir = BUILTIN_TASKS_DIR): Record<SubsetName, string[]> {
  const all = builtinTaskIds(tasksDir);
  const file = join(tasksDir, "suites.json");
  if (!existsSync(file)) return { small: all.slice(0, 10), medium: all.slice(0, 50), full: all };
  const parsed = suitesSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new TaskError(`${file} must be {"small": [ids…], "medium": [ids…]}`);
  const known = new Set(all);
  for (const [name, ids] of Object.entries(parsed.data)) {
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length > 0) throw new TaskError(`${file}: subset ${name} names unknown task(s) ${missing.join(", ")}`);
  }
  const medium = new Set(parsed.data.medium);
  const outside = parsed.data.small.filter((id) => !medium.has(id));
  if (outside.length > 0) throw new TaskError(`${file}: small must be inside medium, but ${outside.join(", ")} is not`);
  return { small: parsed.data.small, medium: parsed.data.medium, full: all };
}

/** Loads the named built-in tasks one by one (a broken task elsewhere does not block them). */
export function loadBuiltinIds(ids: string[], tasksDir = BUILTIN_TASKS_DIR): Task[] {
  const tasks: Task[] = [];
  const problems: string[] = [];
  for (const id of ids) {
    try {
      tasks.push(loadTaskDir(join(tasksDir, id), "builtin"));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length > 0)
    throw new TaskError(`${problems.length} task(s) are broken (see \`dgm tasks check\`):\n${problems.join("\n")}`);
  return tasks;
}

/** Loads the tasks a suite spec names. Throws TaskError with the accepted forms on anything else. */
export function loadSuite(spec: string, tasksDir = BUILTIN_TASKS_DIR): Task[] {
  const colon = spec.indexOf(":");
  const kind = colon === -1 ? spec : spec.slice(0, colon);
  const rest = colon === -1 ? "" : spec.slice(colon + 1);
  if (kind === "builtin") {
    const name = rest === "" ? "full" : rest;
    if ((NAMED_SUBSETS as readonly string[]).includes(name)) {
      if (name === "full") return loadBuiltinTasks(tasksDir);
      return loadBuiltinIds(builtinSubsets(tasksDir)[name as SubsetName], tasksDir);
    }
    // One task loads on its own, so a broken sibling does not hide it.
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(name) || !existsSync(join(tasksDir, name, "task.json"))) {
      throw new TaskError(
        `no built-in task or subset named ${name}: use small, medium, full or a task id (see \`dgm tasks list\`)`,
      );
    }
    return [loadTaskDir(join(tasksDir, name), "builtin")];
  }
  if (kind === "polyglot") {
    if (rest === "") throw new TaskError("polyglot needs a directory: --suite polyglot:<dir>");
    return loadPolyglot(rest);
  }
  if (kind === "swebench") return loadSwebench(rest);
  throw new TaskError(`unknown suite ${JSON.stringify(spec)}: use ${SUITE_FORMS}`);
}

/** The suite forms, for help texts and errors. */
export const SUITE_FORMS = `builtin, builtin:small|medium|full, builtin:<task-id>, polyglot:<dir> or polyglot:<dir>:<language>|${POLYGLOT_SUBSETS.join("|")}|<exercise-id>, swebench:<instances.jsonl|json> or swebench:<instances>:${DGM_SWEBENCH_TIERS.join("|")}|<ids file>|<id,id,…>`;

export interface SuiteScan {
  tasks: Task[];
  /** Tasks that did not load: reported, not thrown. */
  problems: TaskProblem[];
  /** Tasks listed but never run, with the reason (polyglot exercises that cannot grade). */
  setAside: SetAsideTask[];
}

/** Every task of a suite, the broken ones and the set-aside ones reported beside the loaded ones (`dgm tasks list|check`). */
export function scanSuite(spec: string, tasksDir = BUILTIN_TASKS_DIR): SuiteScan {
  if (spec === "builtin" || spec === "builtin:full") return { ...scanBuiltinTasks(tasksDir), setAside: [] };
  const polyglot = spec.startsWith("polyglot:") ? spec.slice("polyglot:".length) : "";
  if (polyglot !== "") return scanPolyglot(polyglot);
  return { tasks: loadSuite(spec, tasksDir), problems: [], setAside: [] };
}

/** Finds one task by qualified id ("builtin:x", "polyglot:…", "swebench:<file>:<instance id>") or bare built-in id. */
export function loadTask(id: string, tasksDir = BUILTIN_TASKS_DIR): Task {
  const spec = id.includes(":") ? id : `builtin:${id}`;
  const tasks = loadSuite(spec, tasksDir);
  if (
    tasks.length !== 1 ||
    (spec.startsWith("builtin:") && (NAMED_SUBSETS as readonly string[]).includes(spec.slice(8)))
  ) {
    throw new TaskError(`${id} names a suite, not one task: give a task id`);
  }
  return tasks[0] as Task;
}

/** The languages a set of suites' tasks run in: which toolchain images a run over them needs. */
export function suiteLanguages(specs: readonly string[], tasksDir = BUILTIN_TASKS_DIR): TaskLanguage[] {
  const languages = new Set<TaskLanguage>();
  for (const spec of new Set(specs))
    for (const task of loadSuite(spec, tasksDir)) languages.add(task.manifest.language);
  return [...languages];
}
