import { CsvError } from "./errors.js";

/** Turn rows (first row = header) into objects keyed by header names. */
export function toObjects(rows) {
  if (rows.length === 0) return [];
  const [header, ...body] = rows;
  return body.map((row, i) => {
    if (row.length !== header.length) {
      throw new CsvError(`expected ${header.length} fields, got ${row.length}`, i + 2);
    }
    return Object.fromEntries(header.map((name, j) => [name, row[j]]));
  });
}

/** Turn objects into rows with a header; columns default to the keys of the first object. */
export function fromObjects(objects, columns) {
  const cols = columns ?? (objects.length > 0 ? Object.keys(objects[0]) : []);
  return [cols, ...objects.map((o) => cols.map((c) => (o[c] === undefined ? "" : String(o[c]))))];
}
