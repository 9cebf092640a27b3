// Reading an agent's checked-out source as text for the diagnoser, within a size budget. Agent files
// are read through the sandbox room's safe reader: regular files only, never more than could fit.
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { readTextInside, UnsafePathError } from "../../sandbox/index.ts";

const textFile = /\.(ts|mts|js|mjs|json|md|txt)$/;

async function listFiles(root: string, dir = root): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) files.push(...(await listFiles(root, path)));
    } else if (entry.isFile() && textFile.test(entry.name)) {
      files.push(relative(root, path));
    }
  }
  return files;
}

/** Source files path → text, sources under src/ first; stops adding files once `maxChars` is reached. */
export async function readAgentSource(root: string, maxChars = 60_000): Promise<Record<string, string>> {
  const files = (await listFiles(root)).sort((a, b) => Number(!a.startsWith("src/")) - Number(!b.startsWith("src/")));
  const source: Record<string, string> = {};
  let used = 0;
  for (const file of files) {
    // A UTF-8 character is at most 4 bytes: a file over 4 × maxChars bytes could never fit.
    const text = await readTextInside(root, file, maxChars * 4).catch((error: unknown) => {
      if (error instanceof UnsafePathError) return undefined;
      throw error;
    });
    if (text === undefined || used + text.length > maxChars) continue;
    source[file] = text;
    used += text.length;
  }
  return source;
}

/** The last `maxChars` characters of a text, marked when cut. */
export function tail(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `[… ${text.length - maxChars} characters cut …]\n${text.slice(-maxChars)}`;
}
