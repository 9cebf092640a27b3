// Plausible wrong solutions: the reference with one small bug a model might make (a flipped
// comparison, an off-by-one, a dropped line), so that wrong answers look like real ones.
const flips: [RegExp, string][] = [
  [/ <= /, " < "],
  [/ >= /, " > "],
  [/ < /, " <= "],
  [/ > /, " >= "],
  [/ === /, " !== "],
  [/ !== /, " === "],
  [/ == /, " != "],
  [/ \+ 1\b/, " + 2"],
  [/ - 1\b/, " - 2"],
];

function flipOne(content: string, start: number): string | undefined {
  for (let i = 0; i < flips.length; i++) {
    const [pattern, replacement] = flips[(start + i) % flips.length]!;
    if (pattern.test(content)) return content.replace(pattern, replacement);
  }
  return undefined;
}

function dropLine(content: string, choice: number): string | undefined {
  const lines = content.split("\n");
  const droppable = lines
    .map((line, index) => ({ line: line.trim(), index }))
    .filter(
      ({ line }) =>
        line.length > 3 && !/^(\/\/|#|\*|\/\*|import |from |export \{|def |function |class |[{}()[\];,]+$)/.test(line),
    );
  if (droppable.length === 0) return undefined;
  const target = droppable[Math.floor(choice * droppable.length) % droppable.length]!;
  return lines.filter((_, index) => index !== target.index).join("\n");
}

/** The reference with one bug; `choice` in [0,1) picks which. Undefined when nothing can be broken. */
export function introduceBug(reference: string, choice: number): string | undefined {
  const preferDrop = choice < 0.35;
  const mutated = preferDrop
    ? (dropLine(reference, choice / 0.35) ?? flipOne(reference, Math.floor(choice * 100)))
    : (flipOne(reference, Math.floor(choice * 100)) ?? dropLine(reference, choice));
  return mutated !== undefined && mutated !== reference ? mutated : undefined;
}
