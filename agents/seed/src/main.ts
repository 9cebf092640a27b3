// Entry point (see agents/README.md): parse the arguments, run the loop, exit with its code.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runLoop } from "./loop.ts";
import { Trajectory } from "./trajectory.ts";

const USAGE =
  "usage: agent --instructions <file> --workspace <dir> --gateway <socket> --out <dir> " +
  "[--max-steps N] [--max-tokens-per-call N] [--wall-seconds N]";

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive integer, got ${value}`);
  return parsed;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      instructions: { type: "string" },
      workspace: { type: "string" },
      gateway: { type: "string" },
      out: { type: "string" },
      "max-steps": { type: "string" },
      "max-tokens-per-call": { type: "string" },
      "wall-seconds": { type: "string" },
    },
  });
  if (!values.instructions || !values.workspace || !values.gateway || !values.out) throw new Error(USAGE);
  const trajectory = new Trajectory(join(values.out, "trajectory.jsonl"));
  const limits = {
    maxSteps: positiveInt(values["max-steps"], 50, "max-steps"),
    maxTokensPerCall: positiveInt(values["max-tokens-per-call"], 4096, "max-tokens-per-call"),
    wallSeconds: positiveInt(values["wall-seconds"], 600, "wall-seconds"),
  };
  const workspace = resolve(values.workspace);
  trajectory.write({ type: "start", workspace, limits });
  try {
    const instructions = readFileSync(values.instructions, "utf8");
    return await runLoop({ ...limits, instructions, workspace, gatewaySocket: values.gateway, trajectory });
  } catch (error) {
    trajectory.write({
      type: "end",
      reason: `crashed: ${error instanceof Error ? error.stack : String(error)}`,
      exitCode: 1,
    });
    return 1;
  }
}

// process.exit: a lingering keep-alive socket or child must not keep a finished agent running.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
