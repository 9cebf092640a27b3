// Reading tsc's plain output (--pretty false) into short, precise gate reasons.

/** Turns `src/a.ts(41,7): error TS2322: msg` into `src/a.ts:41:7: TS2322 msg`. */
export function formatTscErrors(output: string, maxErrors = 5): string[] {
  const errors: string[] = [];
  for (const line of output.split("\n")) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line.trim());
    if (match) errors.push(clip(`${match[1]}:${match[2]}:${match[3]}: ${match[4]} ${match[5]}`));
    else if (/^error TS\d+:/.test(line.trim())) errors.push(clip(line.trim().replace(/^error /, "")));
  }
  return errors.slice(0, maxErrors);
}

const clip = (text: string): string => (text.length > 300 ? `${text.slice(0, 297)}...` : text);

/** tsc's exit code and output → the gate's verdict: "type error at src/a.ts:4:2: TS2304 … (and 2 more: …)". */
export function typecheckVerdict(
  exitCode: number | null,
  output: string,
): { ok: true } | { ok: false; reason: string } {
  if (exitCode === 0) return { ok: true };
  const [first, ...rest] = formatTscErrors(output);
  if (!first) return { ok: false, reason: `tsc failed: ${output.trim().slice(-500)}` };
  const more = rest.length > 0 ? ` (and ${rest.length} more: ${rest.join("; ")})` : "";
  return { ok: false, reason: `type error at ${first}${more}` };
}
