import { CsvError } from "./errors.js";

/**
 * Serialise rows into CSV text. Every row ends with `eol`.
 * @param {unknown[][]} rows
 * @param {{ delimiter?: string, eol?: string }} [options]
 */
export function stringify(rows, options = {}) {
  const delimiter = options.delimiter ?? ",";
  const eol = options.eol ?? "\n";
  if (!Array.isArray(rows)) throw new CsvError("stringify expects an array of rows");
  return rows
    .map((row, i) => {
      if (!Array.isArray(row)) throw new CsvError("each row must be an array", i + 1);
      return row.map((value) => quoteField(value, delimiter)).join(delimiter) + eol;
    })
    .join("");
}

export function quoteField(value, delimiter = ",") {
  const text = value === null || value === undefined ? "" : String(value);
  const needsQuotes =
    text.includes(delimiter) || text.includes('"') || text.includes("\n") || text.includes("\r");
  return needsQuotes ? `"${text.replaceAll('"', '""')}"` : text;
}
