// The JSON pieces of tool-call repair: finding where a JSON value written in free text ends, parsing
// it into a value or a reason, and turning a call's arguments into the JSON string OpenAI sends.

/** A call recovered from a reply, in the OpenAI shape minus id and type. */
export interface ExtractedCall {
  name: string;
  /** A JSON object, as a string. */
  arguments: string;
  /** The id the model gave the call, when it gave one (Mistral does). */
  id?: string;
}

/** Why a call the model meant to make cannot be used, and the text it was read from. */
export interface UnusableCall {
  problem: string;
  snippet: string;
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: string };

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The index just past the JSON object or array that starts at `start`, by bracket depth outside
 * strings; undefined when it never closes (a reply cut off mid-call).
 */
export function findJsonEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    else if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") {
      depth--;
      if (depth === 0) return index + 1;
      if (depth < 0) return undefined;
    }
  }
  return undefined;
}

/**
 * A call's arguments as the JSON string the OpenAI shape carries: objects and arrays are serialised,
 * absent arguments are "{}", a string is kept when it already holds a JSON object or array;
 * anything else is undefined (not usable as arguments).
 */
export function argumentsAsJson(value: unknown): string | undefined {
  if (value === undefined || value === null) return "{}";
  if (typeof value === "object") return JSON.stringify(value);
  if (typeof value !== "string") return undefined;
  const parsed = parseJson(value);
  return parsed.ok && typeof parsed.value === "object" && parsed.value !== null ? value : undefined;
}
