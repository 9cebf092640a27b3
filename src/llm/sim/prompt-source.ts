// Reading an agent's system prompt from its prompts source without running it: the SYSTEM_PROMPT
// array of string literals that the seed declares (one literal per line) and the simulator edits.

/** The line that opens the prompt array; the simulator adds a skill's sentence right after it. */
export const anchorLine = "export const SYSTEM_PROMPT = [";

const stringLiteral = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;

/** The lines of the SYSTEM_PROMPT array's source (after the anchor, up to the closing bracket), with their 0-based line numbers. */
export function systemPromptLines(promptsSource: string): { text: string; line: number }[] {
  const lines = promptsSource.split("\n");
  const start = lines.findIndex((line) => line.includes(anchorLine));
  if (start < 0) return [];
  const body: { text: string; line: number }[] = [];
  for (let index = start + 1; index < lines.length; index++) {
    const text = lines[index]!;
    if (/^\s*\]/.test(text)) break;
    body.push({ text, line: index });
  }
  return body;
}

/**
 * The system prompt an agent's prompts source declares: its SYSTEM_PROMPT literals joined by newlines,
 * as the seed builds it. A source without that array yields its whole text, so that skills phrased
 * some other way are still recognised.
 */
export function systemPromptInSource(promptsSource: string): string {
  const body = systemPromptLines(promptsSource);
  if (body.length === 0) return promptsSource;
  const texts: string[] = [];
  for (const { text } of body) {
    for (const literal of text.match(stringLiteral) ?? []) {
      texts.push(literal.startsWith('"') ? (JSON.parse(literal) as string) : literal.slice(1, -1));
    }
  }
  return texts.join("\n");
}
