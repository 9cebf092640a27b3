const isUpper = (c) => c >= "A" && c <= "Z";
const isLower = (c) => c >= "a" && c <= "z";
const isDigit = (c) => c >= "0" && c <= "9";

export function splitWords(identifier) {
  if (typeof identifier !== "string") throw new TypeError("identifier must be a string");
  const words = [];
  for (const run of identifier.split(/[^A-Za-z0-9]+/)) {
    if (run === "") continue;
    let start = 0;
    for (let i = 1; i < run.length; i++) {
      const prev = run[i - 1];
      const c = run[i];
      const next = run[i + 1] ?? "";
      const camelBoundary = isUpper(c) && (isLower(prev) || isDigit(prev));
      const acronymEnd = isUpper(c) && isUpper(prev) && isLower(next);
      if (camelBoundary || acronymEnd) {
        words.push(run.slice(start, i));
        start = i;
      }
    }
    words.push(run.slice(start));
  }
  return words.map((w) => w.toLowerCase());
}

const capitalise = (w) => w.charAt(0).toUpperCase() + w.slice(1);

export function toCamel(identifier) {
  return splitWords(identifier)
    .map((w, i) => (i === 0 ? w : capitalise(w)))
    .join("");
}

export function toPascal(identifier) {
  return splitWords(identifier).map(capitalise).join("");
}

export function toSnake(identifier) {
  return splitWords(identifier).join("_");
}

export function toKebab(identifier) {
  return splitWords(identifier).join("-");
}

export function toConstant(identifier) {
  return splitWords(identifier).join("_").toUpperCase();
}
