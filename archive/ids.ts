// Identifiers: short random hex (unique prefixes for people to type), and run ids that read as dates.
import { randomBytes } from "node:crypto";

export function newId(bytes = 6): string {
  return randomBytes(bytes).toString("hex");
}

/** e.g. run-20250101-120000-3fa9c2: sortable by creation, unique by the random tail. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `run-${stamp}-${randomBytes(3).toString("hex")}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
