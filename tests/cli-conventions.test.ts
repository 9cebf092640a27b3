// The command line's conventions, checked over the real program: help in one style, every command that
// lists or reports something has --json, the exit codes are in every help, and a fresh home lists no
// runs (exit 0) instead of failing.
import { spawnSync } from "node:child_process";
import { stripVTControlCharacters } from "node:util";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../src/cli/program.ts";
import { tempDir } from "./support/temp.ts";

const cli = new URL("../bin/dgm.mjs", import.meta.url).pathname;

interface Described {
  path: string;
  what: string;
  text: string;
}

function allCommands(command: Command, path = "dgm"): { path: string; command: Command }[] {
  return [{ path, command }, ...command.commands.flatMap((sub) => allCommands(sub, `${path} ${sub.name()}`))];
}

function descriptions(): Described[] {
  return allCommands(buildProgram()).flatMap(({ path, command }) => [
    { path, what: "command", text: command.description() },
    ...command.options.map((option) => ({ path, what: option.flags, text: option.description })),
    ...command.registeredArguments.map((argument) => ({ path, what: argument.name(), text: argument.description })),
  ]);
}

/** Commands that print something a script may want to read. */
const READERS = [
  "dgm evolve",
  "dgm runs",
  "dgm agents",
  "dgm lineage",
  "dgm tree",
  "dgm show",
  "dgm best",
  "dgm solve",
  "dgm archive verify",
  "dgm eval",
  "dgm tasks list",
  "dgm tasks show",
  "dgm tasks check",
  "dgm agent run",
  "dgm sandbox status",
  "dgm doctor",
];

function dgm(args: string[], home: string) {
  const result = spawnSync(process.execPath, [cli, "--home", home, ...args], { encoding: "utf8", timeout: 60_000 });
  // Colour is on under CI=true (picocolors): compare the words, not the escape codes.
  return {
    status: result.status,
    stdout: stripVTControlCharacters(result.stdout),
    stderr: stripVTControlCharacters(result.stderr),
  };
}

describe("the command line", () => {
  it("writes every help text in one style: lower case first, no full stop at the end", () => {
    const texts = descriptions().filter((entry) => entry.text);
    expect(texts.length).toBeGreaterThan(80);
    const offStyle = texts.filter((entry) => !/^[a-z"`$(]/.test(entry.text) || /\.$/.test(entry.text));
    expect(offStyle).toEqual([]);
  });

  it("gives --json to every command that lists or reports", () => {
    const commands = new Map(allCommands(buildProgram()).map(({ path, command }) => [path, command]));
    const missing = READERS.filter((path) => !commands.get(path)?.options.some((option) => option.long === "--json"));
    expect(missing).toEqual([]);
  });

  it("lists the exit codes under every command's help", () => {
    const home = tempDir("cli-help");
    for (const args of [["--help"], ["runs", "--help"], ["tasks", "check", "--help"]]) {
      const result = dgm(args, home);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("Exit codes: 0 ok, 1 failure, 2 usage error, 130 interrupted.");
    }
  });

  it("lists nothing on a fresh home, exit 0; a usage mistake exits 2, a failure 1, each said once", () => {
    const home = tempDir("cli-fresh");
    expect(dgm(["runs", "--json"], home)).toMatchObject({ status: 0, stdout: "[]\n" });
    expect(dgm(["runs"], home)).toMatchObject({ status: 0, stdout: "No runs yet; start one with `dgm evolve`.\n" });

    const unknownFlag = dgm(["runs", "--no-such-flag"], home);
    expect(unknownFlag.status).toBe(2);
    expect(unknownFlag.stderr).toContain("unknown option '--no-such-flag'");
    const badNumber = dgm(["tree", "--width", "wide"], home);
    expect(badNumber).toMatchObject({
      status: 2,
      stderr: expect.stringContaining(
        "option '--width <columns>' argument 'wide' is invalid. must be a positive integer",
      ),
    });

    const noArchive = dgm(["tree"], home);
    expect(noArchive.status).toBe(1);
    expect(noArchive.stderr).toBe(
      `error: no archive at ${home}\nfix: start a run with \`dgm evolve\`, or point --home / DGM_HOME at an archive\n`,
    );
  });
});
