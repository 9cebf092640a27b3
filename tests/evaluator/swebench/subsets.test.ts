// Choosing SWE-bench instances: DGM's tiers (small built in, medium and big from DGM's files beside
// the instance file), subset files in both forms, comma lists, and ids the instance file lacks.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { TaskError } from "../../../evaluator/errors.ts";
import { parseInstances, type SwebenchInstance } from "../../../evaluator/swebench/instances.ts";
import { DGM_SWEBENCH_SMALL, dgmTiers, selectInstances } from "../../../evaluator/swebench/subsets.ts";
import { jsonl, record, writeTemp } from "./instance-records.ts";

const EXTRA = ["sympy__sympy-20590", "astropy__astropy-12907", "django__django-99999"];

/** An instance file holding `ids`, in a new directory; returns its path and its instances. */
function instanceFile(ids: readonly string[]): { path: string; instances: SwebenchInstance[] } {
  const text = jsonl(ids.map((id) => record(id)));
  const path = writeTemp("test.jsonl", text);
  return { path, instances: parseInstances(text, path) };
}

const idsOf = (selected: { instances: SwebenchInstance[] }) => selected.instances.map((i) => i.instanceId);

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TaskError);
    const { message, fix } = error as TaskError;
    return `${message}\nfix: ${fix}`;
  }
  throw new Error("expected a TaskError, nothing was thrown");
}

describe("SWE-bench subsets", () => {
  it("selects every instance when no subset is given", () => {
    const { path, instances } = instanceFile(EXTRA);
    expect(selectInstances(instances, undefined, path)).toEqual({ instances, subsetName: "all" });
  });

  it("has DGM's small list built in, in DGM's order", () => {
    expect(DGM_SWEBENCH_SMALL).toHaveLength(10);
    expect(new Set(DGM_SWEBENCH_SMALL).size).toBe(10);
    expect([DGM_SWEBENCH_SMALL[0], DGM_SWEBENCH_SMALL[9]]).toEqual(["django__django-10973", "django__django-11087"]);
    // The instance file lists them in another order; the subset's order wins.
    const { path, instances } = instanceFile([...EXTRA, ...[...DGM_SWEBENCH_SMALL].reverse()]);
    const selected = selectInstances(instances, "dgm-small", path);
    expect(selected.subsetName).toBe("dgm-small");
    expect(idsOf(selected)).toEqual(DGM_SWEBENCH_SMALL);
  });

  it("builds dgm-medium and dgm-big from DGM's files beside the instance file, small first", () => {
    // Shaped like DGM's files (a JSON array, blank lines and all); big repeats one id to show it runs once.
    const medium = ["sphinx-doc__sphinx-8475", "django__django-11790"];
    const big = ["sympy__sympy-20590", "django__django-11790", "astropy__astropy-12907"];
    const { path, instances } = instanceFile([...new Set([...big, ...DGM_SWEBENCH_SMALL, ...medium])]);
    mkdirSync(join(dirname(path), "subsets"));
    writeFileSync(join(dirname(path), "subsets", "medium.json"), `[\n  "${medium[0]}",\n\n  "${medium[1]}"\n]\n`);
    writeFileSync(join(dirname(path), "subsets", "big.json"), JSON.stringify(big));
    expect(idsOf(selectInstances(instances, "dgm-medium", path))).toEqual([...DGM_SWEBENCH_SMALL, ...medium]);
    const all = selectInstances(instances, "dgm-big", path);
    expect(all.subsetName).toBe("dgm-big");
    expect(idsOf(all)).toEqual([...DGM_SWEBENCH_SMALL, ...medium, big[0], big[2]]);
    expect(dgmTiers(path)).toEqual({ small: [...DGM_SWEBENCH_SMALL], medium, big });
  });

  it("says where to put DGM's medium list when it is missing", () => {
    const { path, instances } = instanceFile(DGM_SWEBENCH_SMALL);
    const expected = join(dirname(path), "subsets", "medium.json");
    const message = errorOf(() => selectInstances(instances, "dgm-medium", path));
    expect(message).toContain(`dgm-medium needs DGM's medium list at ${expected}, which does not exist`);
    expect(message).toContain("put swe_bench/subsets/medium.json from https://github.com/jennyzzt/dgm there");
    expect(dgmTiers(path)).toEqual({ small: [...DGM_SWEBENCH_SMALL], medium: undefined, big: undefined });
  });

  it("reads a subset file as a JSON array or as one id per line with comments", () => {
    const { path, instances } = instanceFile(EXTRA);
    const asJson = writeTemp("mine.json", JSON.stringify([EXTRA[2], EXTRA[0]]));
    expect(selectInstances(instances, asJson, path)).toMatchObject({ subsetName: asJson });
    expect(idsOf(selectInstances(instances, asJson, path))).toEqual([EXTRA[2], EXTRA[0]]);
    const asLines = writeTemp(
      "mine.txt",
      `# two of them\n${EXTRA[1]}  # the astropy one\n\n${EXTRA[0]}\n${EXTRA[1]}\n`,
    );
    expect(idsOf(selectInstances(instances, asLines, path))).toEqual([EXTRA[1], EXTRA[0]]);
  });

  it("refuses a subset file that is not an array of ids, and a path that does not exist", () => {
    const { path, instances } = instanceFile(EXTRA);
    const bad = writeTemp("bad.json", '[{"id": 1}]');
    expect(errorOf(() => selectInstances(instances, bad, path))).toContain(
      `subset file ${bad} must be a JSON array of instance id strings`,
    );
    const nowhere = join(dirname(path), "nowhere.json");
    expect(errorOf(() => selectInstances(instances, nowhere, path))).toContain(
      `SWE-bench subset file ${nowhere} does not exist`,
    );
  });

  it("takes a comma-separated list of ids, in its order", () => {
    const { path, instances } = instanceFile(EXTRA);
    const selected = selectInstances(instances, `${EXTRA[1]}, ${EXTRA[0]}`, path);
    expect(idsOf(selected)).toEqual([EXTRA[1], EXTRA[0]]);
    expect(selected.subsetName).toBe(`${EXTRA[1]},${EXTRA[0]}`);
    expect(idsOf(selectInstances(instances, EXTRA[2], path))).toEqual([EXTRA[2]]);
  });

  it("lists the ids the instance file lacks, at most ten, with the count", () => {
    const { path, instances } = instanceFile(EXTRA);
    const unknown = Array.from({ length: 12 }, (_, n) => `django__django-${n + 1}`);
    const message = errorOf(() => selectInstances(instances, [EXTRA[0], ...unknown].join(","), path));
    expect(message).toContain(`12 instance(s) of SWE-bench subset ${EXTRA[0]},… (13 ids) are not in`);
    expect(message).toContain(`are not in ${path}: django__django-1, django__django-2,`);
    expect(message).toContain("django__django-10, … (12 in all)");
    expect(message).not.toContain("django__django-11,");
    expect(errorOf(() => selectInstances(instances, "dgm-small", path))).toContain(
      "10 instance(s) of SWE-bench subset dgm-small are not in",
    );
  });
});
