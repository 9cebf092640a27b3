export { CsvError } from "./errors.js";
export { parse } from "./parser.js";
export { fromObjects, toObjects } from "./records.js";
export { quoteField, stringify } from "./writer.js";
