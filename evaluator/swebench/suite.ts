// The swebench suite: `swebench:<instances.jsonl|json>[:<subset>]`, where the subset is dgm-small,
// dgm-medium, dgm-big, a file of ids or a comma-separated list (subsets.ts). Staged as DGM stages its
// SWE-bench runs: small, then small + medium, then small + medium + big.
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { TaskError } from "../errors.ts";
import type { TieredSuites } from "../polyglot/suite.ts";
import type { Task } from "../task-types.ts";
import { readInstancesFile } from "./instances.ts";
import { DGM_SWEBENCH_TIERS, type DgmSwebenchTier, selectInstances } from "./subsets.ts";
import { swebenchTask } from "./task.ts";

/** Where the instance images are published; `DGM_SWEBENCH_NAMESPACE` names another registry path. */
export function swebenchNamespace(): string {
  return process.env.DGM_SWEBENCH_NAMESPACE || "swebench";
}

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/** Splits `<instances file>[:<subset>]`: the whole target when it is a file, else at its last colon. */
export function splitSwebenchTarget(target: string): { path: string; subset: string | undefined } {
  if (target === "") {
    throw new TaskError("swebench needs an instance file", {
      fix: "use --suite swebench:<instances.jsonl|json>[:dgm-small|<ids file>|<id,id,…>]",
    });
  }
  if (isFile(target)) return { path: resolve(target), subset: undefined };
  const colon = target.lastIndexOf(":");
  if (colon > 0 && isFile(target.slice(0, colon)))
    return { path: resolve(target.slice(0, colon)), subset: target.slice(colon + 1) || undefined };
  throw new TaskError(`no SWE-bench instance file at ${colon > 0 ? target.slice(0, colon) : target}`, {
    fix: "give the path of a SWE-bench .jsonl or .json file (the published dataset format), e.g. --suite swebench:verified.jsonl:dgm-small",
  });
}

/** The tasks of a swebench suite target, in the subset's order. */
export function loadSwebench(target: string): Task[] {
  const { path, subset } = splitSwebenchTarget(target);
  const { instances } = selectInstances(readInstancesFile(path), subset, path);
  const namespace = swebenchNamespace();
  return instances.map((instance) => swebenchTask(instance, { namespace }));
}

/**
 * The staged plan of a DGM tier: dgm-small stops after small; dgm-medium runs small, then small +
 * medium; dgm-big runs on to small + medium + big. Undefined for any other subset (one whole).
 */
export function swebenchStageSuites(target: string): TieredSuites | undefined {
  const colon = target.lastIndexOf(":");
  const tier = colon > 0 ? target.slice(colon + 1) : "";
  if (!(DGM_SWEBENCH_TIERS as readonly string[]).includes(tier)) return undefined;
  const path = target.slice(0, colon);
  const upTo = ({ "dgm-small": "small", "dgm-medium": "medium", "dgm-big": "full" } as const)[tier as DgmSwebenchTier];
  return {
    small: `swebench:${path}:dgm-small`,
    medium: `swebench:${path}:dgm-medium`,
    full: `swebench:${path}:dgm-big`,
    upTo,
  };
}
