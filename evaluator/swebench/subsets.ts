// Which SWE-bench instances a suite runs: all of them, one of the Darwin Gödel Machine's staged
// subsets, the ids in a file, or a comma-separated list. DGM evaluates a child on `small` (10 ids),
// then, past a score threshold, on `medium` (50 more) and then on `big` (140 more); its files list
// each tier's own ids and none repeats another's, so `dgm-medium` here is small then medium, and
// `dgm-big` small, medium then big (the union, in that order: 200 ids).
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { TaskError } from "../errors.ts";
import type { SwebenchInstance } from "./instances.ts";

/** DGM's swe_bench/subsets/small.json, in its order. Medium and big are read from DGM's files (see below). */
export const DGM_SWEBENCH_SMALL: readonly string[] = [
  "django__django-10973",
  "django__django-11066",
  "django__django-12754",
  "django__django-15930",
  "django__django-13279",
  "django__django-16661",
  "django__django-13346",
  "django__django-10880",
  "django__django-10999",
  "django__django-11087",
];

export const DGM_SWEBENCH_TIERS = ["dgm-small", "dgm-medium", "dgm-big"] as const;
export type DgmSwebenchTier = (typeof DGM_SWEBENCH_TIERS)[number];

/** A subset as the suite spec names it (see `parseSubset`). */
export type SwebenchSubset =
  | { kind: "all" }
  | { kind: "dgm"; tier: DgmSwebenchTier }
  | { kind: "file"; path: string }
  | { kind: "ids"; ids: string[] };

const DGM_REPO = "https://github.com/jennyzzt/dgm";
const MAX_LISTED_MISSING = 10;

const isTier = (name: string): name is DgmSwebenchTier => (DGM_SWEBENCH_TIERS as readonly string[]).includes(name);
const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();
/** A name meant as a file: ids never hold "/" and DGM's lists end in .json. */
const looksLikePath = (text: string): boolean => text.includes("/") || /\.(json|txt|list)$/i.test(text);

/** Reads a subset string: a DGM tier, an existing file (relative to the working directory), or ids. */
export function parseSubset(subset: string | undefined): SwebenchSubset {
  if (subset === undefined || subset.trim() === "") return { kind: "all" };
  const name = subset.trim();
  if (isTier(name)) return { kind: "dgm", tier: name };
  if (isFile(resolve(name))) return { kind: "file", path: resolve(name) };
  if (!name.includes(",") && looksLikePath(name)) {
    throw new TaskError(`SWE-bench subset file ${resolve(name)} does not exist`, {
      fix: "check the path (relative paths are from the working directory), or give instance ids separated by commas",
    });
  }
  const ids = name
    .split(",")
    .map((id) => id.trim())
    .filter((id) => id !== "");
  return { kind: "ids", ids };
}

/** The ids of a subset file: a JSON array of strings, or one id per line with `#` comments. */
export function readSubsetFile(path: string): string[] {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  if (text.trimStart().startsWith("[")) return parseIdArray(text, path);
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, "").trim())
    .filter((line) => line !== "");
}

function parseIdArray(text: string, path: string): string[] {
  let ids: unknown;
  try {
    ids = JSON.parse(text);
  } catch (error) {
    throw new TaskError(`subset file ${path} is not valid JSON: ${error instanceof Error ? error.message : error}`, {
      fix: "write a JSON array of instance ids, or one id per line",
    });
  }
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === "string")) {
    throw new TaskError(`subset file ${path} must be a JSON array of instance id strings`, {
      fix: 'write e.g. ["django__django-10973", "sympy__sympy-20590"], or one id per line',
    });
  }
  return ids;
}

/** Where DGM's tier file goes for an instance file: DGM's own layout, swe_bench/subsets/<tier>.json. */
const tierFile = (instancesPath: string, tier: "medium" | "big"): string =>
  join(dirname(resolve(instancesPath)), "subsets", `${tier}.json`);

function readTier(instancesPath: string, tier: "medium" | "big"): string[] | undefined {
  const file = tierFile(instancesPath, tier);
  return isFile(file) ? parseIdArray(readFileSync(file, "utf8"), file) : undefined;
}

/**
 * DGM's three tiers for staging, each as its own file lists it (medium and big hold only ids beyond
 * small's). Medium and big are undefined when their file is not beside the instance file.
 */
export function dgmTiers(instancesPath: string): {
  small: string[];
  medium: string[] | undefined;
  big: string[] | undefined;
} {
  return {
    small: [...DGM_SWEBENCH_SMALL],
    medium: readTier(instancesPath, "medium"),
    big: readTier(instancesPath, "big"),
  };
}

function requireTier(instancesPath: string, tier: "medium" | "big", wanted: DgmSwebenchTier): string[] {
  const ids = readTier(instancesPath, tier);
  if (ids !== undefined) return ids;
  const file = tierFile(instancesPath, tier);
  throw new TaskError(`${wanted} needs DGM's ${tier} list at ${file}, which does not exist`, {
    fix: `put swe_bench/subsets/${tier}.json from ${DGM_REPO} there (${DGM_REPO}/raw/main/swe_bench/subsets/${tier}.json)`,
  });
}

function dgmIds(tier: DgmSwebenchTier, instancesPath: string): string[] {
  const ids = [...DGM_SWEBENCH_SMALL];
  if (tier !== "dgm-small") ids.push(...requireTier(instancesPath, "medium", tier));
  if (tier === "dgm-big") ids.push(...requireTier(instancesPath, "big", tier));
  return ids;
}

/** The ids a subset names, in its order, and the name a run reports it by. */
function subsetIds(subset: SwebenchSubset, instancesPath: string): { ids: string[]; subsetName: string } {
  switch (subset.kind) {
    case "all":
      return { ids: [], subsetName: "all" };
    case "dgm":
      return { ids: dgmIds(subset.tier, instancesPath), subsetName: subset.tier };
    case "file":
      return { ids: readSubsetFile(subset.path), subsetName: subset.path };
    case "ids":
      // A long list would swamp every message and report that names the subset.
      return {
        ids: subset.ids,
        subsetName: subset.ids.length <= 3 ? subset.ids.join(",") : `${subset.ids[0]},… (${subset.ids.length} ids)`,
      };
  }
}

/**
 * The instances a subset selects, in the subset's order (an id named twice runs once). Every id must
 * be in the instance file: a subset that silently shrank would report a score over fewer tasks.
 */
export function selectInstances(
  instances: SwebenchInstance[],
  subset: string | undefined,
  instancesPath: string,
): { instances: SwebenchInstance[]; subsetName: string } {
  const parsed = parseSubset(subset);
  if (parsed.kind === "all") return { instances, subsetName: "all" };
  const { ids, subsetName } = subsetIds(parsed, instancesPath);
  const unique = [...new Set(ids)];
  if (unique.length === 0) {
    throw new TaskError(`SWE-bench subset ${subsetName} names no instance`, {
      fix: "list at least one instance id, or leave the subset out to run every instance",
    });
  }
  const byId = new Map(instances.map((instance) => [instance.instanceId, instance]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    const listed = missing.slice(0, MAX_LISTED_MISSING).join(", ");
    const more = missing.length > MAX_LISTED_MISSING ? `, … (${missing.length} in all)` : "";
    throw new TaskError(
      `${missing.length} instance(s) of SWE-bench subset ${subsetName} are not in ${instancesPath}: ${listed}${more}`,
      {
        fix: "use an instance file that holds them (DGM's subsets are from SWE-bench Verified's test split), or drop them from the subset",
      },
    );
  }
  return { instances: unique.map((id) => byId.get(id) as SwebenchInstance), subsetName };
}
