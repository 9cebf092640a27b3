import { CsvError } from "./errors.js";

/**
 * Parse CSV text into rows of string fields.
 * @param {string} text
 * @param {{ delimiter?: string }} [options]
 * @returns {string[][]}
 */
export function parse(text, options = {}) {
  const delimiter = options.delimiter ?? ",";
  if (typeof text !== "string") throw new CsvError("parse expects a string");
  if (delimiter.length !== 1) throw new CsvError("delimiter must be a single character");
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  // A trailing newline terminates the last record; it does not start a new one.
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => line.split(delimiter).map(unquote));
}

function unquote(field) {
  if (field.length >= 2 && field.startsWith('"') && field.endsWith('"')) {
    return field.slice(1, -1);
  }
  return field;
}
