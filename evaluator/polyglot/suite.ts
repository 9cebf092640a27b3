// The polyglot suite: `polyglot:<dir>[:<selector>]`, where <dir> is the benchmark root (holding
// <language>/exercises/practice), one language's directory, or one exercise, and the selector is a
// language (`:go`), one of DGM's subsets (`:dgm-small`, `:dgm-medium`) or one exercise id
// (`:go__dominoes`). Exercises that cannot grade (set-aside.ts, or needing what the offline images
// lack) are listed with the reason and not run.
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { isSandboxLanguage, SANDBOX_LANGUAGES } from "../../sandbox/index.ts";
import { TaskError } from "../errors.ts";
import type { Task, TaskProblem } from "../task-types.ts";
import { DGM_SUBSETS } from "./dgm-subsets.ts";
import { exerciseId, loadExercise } from "./exercise.ts";
import { SET_ASIDE } from "./set-aside.ts";

export interface SetAsideTask {
  /** `<language>__<exercise>` (or the language, when a whole language is left out). */
  id: string;
  reason: string;
}

export interface PolyglotScan {
  tasks: Task[];
  setAside: SetAsideTask[];
  /** Exercises that did not load (a broken config, a missing file). */
  problems: TaskProblem[];
}

export const POLYGLOT_SUBSETS = Object.keys(DGM_SUBSETS) as (keyof typeof DGM_SUBSETS)[];

const isDir = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();
const practiceDir = (languageDir: string): string => join(languageDir, "exercises", "practice");

interface Exercise {
  language: string;
  name: string;
  dir: string;
}

function exercisesOf(languageDir: string, language: string): Exercise[] {
  const practice = practiceDir(languageDir);
  return readdirSync(practice)
    .sort()
    .filter((name) => isDir(join(practice, name, ".meta")))
    .map((name) => ({ language, name, dir: join(practice, name) }));
}

/** Every exercise under `dir` (root, language directory or one exercise), and languages we cannot run. */
function findExercises(dir: string): { exercises: Exercise[]; unsupported: string[]; single: boolean } {
  if (!isDir(dir)) {
    throw new TaskError(`polyglot suite directory ${dir} does not exist`, {
      fix: `check the path, or make a checkout there: \`dgm tasks fetch polyglot --dir ${dir}\``,
    });
  }
  if (existsSync(join(dir, ".meta", "config.json"))) {
    // …/<language>/exercises/practice/<name>
    const language = dir.split("/").at(-4) ?? "";
    return { exercises: [{ language, name: basename(dir), dir }], unsupported: [], single: true };
  }
  if (isDir(practiceDir(dir))) return { exercises: exercisesOf(dir, basename(dir)), unsupported: [], single: false };
  const languages = readdirSync(dir)
    .sort()
    .filter((name) => isDir(practiceDir(join(dir, name))));
  if (languages.length === 0) {
    throw new TaskError(
      `${dir} is not in the polyglot/Exercism layout: expected <language>/exercises/practice/<name>/`,
      { fix: "point the suite at a checkout of the polyglot benchmark (`dgm tasks fetch polyglot`)" },
    );
  }
  const supported = languages.filter(isSandboxLanguage);
  return {
    exercises: supported.flatMap((language) => exercisesOf(join(dir, language), language)),
    unsupported: languages.filter((language) => !isSandboxLanguage(language)),
    single: false,
  };
}

/** Splits `<dir>[:<selector>]`: a trailing `:name` is a selector only when what precedes it is a directory. */
function splitTarget(target: string): { dir: string; selector: string | undefined } {
  const match = /^(.+):([A-Za-z0-9_.-]+)$/.exec(target);
  if (match && isDir(resolve(match[1] as string)) && !isDir(resolve(target)))
    return { dir: resolve(match[1] as string), selector: match[2] };
  return { dir: resolve(target), selector: undefined };
}

function selectExercises(all: Exercise[], selector: string | undefined, dir: string): Exercise[] {
  if (selector === undefined) return all;
  const byId = new Map(all.map((exercise) => [exerciseId(exercise.language, exercise.name), exercise]));
  if (selector in DGM_SUBSETS) {
    const ids = DGM_SUBSETS[selector as keyof typeof DGM_SUBSETS];
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0)
      throw new TaskError(`${dir} lacks ${missing.length} exercise(s) of ${selector}: ${missing.join(", ")}`, {
        fix: "use a full checkout of the polyglot benchmark (`dgm tasks fetch polyglot`)",
      });
    return ids.map((id) => byId.get(id) as Exercise);
  }
  if (isSandboxLanguage(selector)) {
    const chosen = all.filter((exercise) => exercise.language === selector);
    if (chosen.length === 0) throw new TaskError(`${dir} has no ${selector} exercises`);
    return chosen;
  }
  const one = byId.get(selector);
  if (one) return [one];
  throw new TaskError(
    `unknown polyglot selector ${JSON.stringify(selector)}: use a language, ${POLYGLOT_SUBSETS.join(", ")} or an exercise id such as python__dominoes`,
  );
}

/** Loads a polyglot suite, sorting its exercises into runnable tasks, set-aside ones and broken ones. */
export function scanPolyglot(target: string): PolyglotScan {
  const { dir, selector } = splitTarget(target);
  const found = findExercises(dir);
  const chosen = selectExercises(found.exercises, selector, dir);
  // One exercise asked for by name is run even when set aside: that is how a set-aside entry is re-checked.
  const named = found.single || (selector !== undefined && chosen.length === 1 && !(selector in DGM_SUBSETS));
  const scan: PolyglotScan = {
    tasks: [],
    setAside: found.unsupported.map((language) => ({
      id: language,
      reason: `no sandbox image runs ${language} exercises (supported: ${SANDBOX_LANGUAGES.join(", ")})`,
    })),
    problems: [],
  };
  for (const exercise of chosen) {
    const id = exerciseId(exercise.language, exercise.name);
    try {
      const { task, offlineProblem } = loadExercise(exercise.dir, exercise.language);
      const reason = offlineProblem ?? SET_ASIDE[id];
      if (reason !== undefined) scan.setAside.push({ id, reason });
      if (reason === undefined || named) scan.tasks.push(task);
    } catch (error) {
      scan.problems.push({ name: id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return scan;
}

/** The runnable tasks of a polyglot suite; throws when an exercise is broken, naming each one. */
export function loadPolyglot(target: string): Task[] {
  const scan = scanPolyglot(target);
  if (scan.problems.length > 0) {
    throw new TaskError(
      `${scan.problems.length} polyglot exercise(s) do not load (see \`dgm tasks check\`):\n${scan.problems.map((p) => `${p.name}: ${p.message}`).join("\n")}`,
    );
  }
  if (scan.tasks.length === 0) {
    throw new TaskError(
      `polyglot:${target} has no exercise to run: ${scan.setAside.map((s) => `${s.id} (${s.reason})`).join("; ")}`,
    );
  }
  return scan.tasks;
}

/** The suites a staged plan runs, and how far the suite it was made from goes. */
export interface TieredSuites {
  small: string;
  medium: string;
  full: string;
  upTo: "small" | "medium" | "full";
}

/**
 * The staged plan of a polyglot benchmark root, as DGM stages it: dgm-small, then dgm-medium, then
 * everything (`:dgm-small` stops after the first, `:dgm-medium` after the second). Undefined for any
 * other polyglot suite (a language, one exercise), which is one whole.
 */
export function polyglotStageSuites(target: string): TieredSuites | undefined {
  const { dir, selector } = splitTarget(target);
  if (selector !== undefined && !(selector in DGM_SUBSETS)) return undefined;
  if (!isDir(dir) || existsSync(join(dir, ".meta")) || isDir(practiceDir(dir))) return undefined;
  const upTo = selector === "dgm-small" ? "small" : selector === "dgm-medium" ? "medium" : "full";
  return { small: `polyglot:${dir}:dgm-small`, medium: `polyglot:${dir}:dgm-medium`, full: `polyglot:${dir}`, upTo };
}
