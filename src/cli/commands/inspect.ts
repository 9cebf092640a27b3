import type { Command } from "commander";

// Placeholder during the first build-out: filled in by the owner of this command group.
export function registerInspectCommands(_program: Command): void {}
