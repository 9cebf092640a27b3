// Why an agent says it stopped: the `reason` of the last "end" event of its trajectory (agents/README.md),
// for one line of command output. The trajectory is the agent's own writing, so only a string is taken,
// flattened to one line, stripped of terminal control characters and capped.
const MAX_REASON_CHARS = 400;

export function agentEndReason(trajectory: string): string | null {
  const lines = trajectory.split("\n");
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = lines[index] ?? "";
    if (!line.startsWith('{"type":"end"')) continue;
    let reason: unknown;
    try {
      reason = (JSON.parse(line) as { reason?: unknown }).reason;
    } catch {
      return null;
    }
    if (typeof reason !== "string") return null;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    const flat = reason.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
    return flat.length > MAX_REASON_CHARS ? `${flat.slice(0, MAX_REASON_CHARS)}…` : flat;
  }
  return null;
}
