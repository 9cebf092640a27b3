// A SWE-bench instance as one of our tasks: the repository and its environment live in the instance's
// image, the instructions are the problem statement (with how this repository runs its tests), and
// the hidden tests stay in the instance record until grading.
import { sha256 } from "../files.ts";
import type { Task } from "../task-types.ts";
import { instanceImageName } from "./image-name.ts";
import type { SwebenchInstance } from "./instances.ts";
import { REPO_DIR } from "./repository.ts";
import { type RepoSpec, repoSpec } from "./specs.ts";

/** The published harness gives a test run 30 minutes; so does an agent get, by default. */
export const SWEBENCH_AGENT_SECONDS = 1800;
export const SWEBENCH_TEST_SECONDS = 1800;

export interface SwebenchTaskOptions {
  /** Registry namespace of the instance images (default "swebench", as published). */
  namespace?: string;
  /** Overrides the image name rule: instance → image (e.g. images built under other names). */
  image?: (instance: SwebenchInstance) => string;
}

function instructionsOf(instance: SwebenchInstance, spec: RepoSpec): string {
  return [
    `The repository ${instance.repo} is checked out in ${REPO_DIR} (your workspace), with its Python environment ready.`,
    "Change its source so that the issue below is resolved. Hidden tests will check the fix and that nothing else broke;",
    "changes you make to the repository's tests are not kept.",
    "",
    "<issue>",
    instance.problemStatement.trim(),
    "</issue>",
    "",
    // Nothing of the test patch (not even its file names) reaches the agent.
    `This repository runs its tests with: \`${spec.testCommand} <test file>\` (from ${REPO_DIR}).`,
  ].join("\n");
}

export function swebenchTask(instance: SwebenchInstance, options: SwebenchTaskOptions = {}): Task {
  const image = options.image?.(instance) ?? instanceImageName(instance.instanceId, options.namespace);
  const firstLine = instance.problemStatement.trim().split("\n")[0] ?? instance.instanceId;
  const spec = repoSpec(instance.repo, instance.version);
  return {
    manifest: {
      id: instance.instanceId,
      language: "python",
      kind: "repository",
      title: firstLine.slice(0, 120) || instance.instanceId,
      difficulty: "hard",
      instructions: "problem_statement",
      solutionFiles: [],
      testFiles: [],
      testCommand: ["bash", "-c", spec.testCommand],
      limits: { agentSeconds: SWEBENCH_AGENT_SECONDS, testSeconds: SWEBENCH_TEST_SECONDS },
    },
    dir: "",
    qualifiedId: `swebench:${instance.instanceId}`,
    instructions: instructionsOf(instance, spec),
    workspace: {},
    tests: {},
    reference: {},
    contentHash: sha256(JSON.stringify({ instance, image })),
    environment: { image, instance },
  };
}
