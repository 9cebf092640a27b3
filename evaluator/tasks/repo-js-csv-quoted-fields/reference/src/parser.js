import { CsvError } from "./errors.js";

/**
 * Parse CSV text into rows of string fields.
 *
 * Quoted fields may contain the delimiter, line breaks and doubled quotes ("" → ").
 * Records end at "\n" or "\r\n"; a trailing line break does not start a new record.
 * @param {string} text
 * @param {{ delimiter?: string }} [options]
 * @returns {string[][]}
 */
export function parse(text, options = {}) {
  const delimiter = options.delimiter ?? ",";
  if (typeof text !== "string") throw new CsvError("parse expects a string");
  if (delimiter.length !== 1) throw new CsvError("delimiter must be a single character");

  const rows = [];
  let row = [];
  let field = "";
  let inRecord = false; // something of the current record has been read
  let line = 1;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
    inRecord = false;
  };
  const lineBreakAt = (k) => (text[k] === "\n" ? 1 : text[k] === "\r" && text[k + 1] === "\n" ? 2 : 0);

  while (i < text.length) {
    inRecord = true;
    const ch = text[i];
    if (ch === '"' && field === "") {
      const startLine = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvError("unterminated quoted field", startLine);
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n") line++;
        field += c;
        i++;
      }
      // After the closing quote only a delimiter, a line break or the end of input may follow.
      if (i >= text.length || text[i] === delimiter || lineBreakAt(i) > 0) continue;
      throw new CsvError(`unexpected character ${JSON.stringify(text[i])} after closing quote`, line);
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    const br = lineBreakAt(i);
    if (br > 0) {
      endRow();
      i += br;
      line++;
      continue;
    }
    field += ch;
    i++;
  }
  if (inRecord) endRow();
  return rows;
}
