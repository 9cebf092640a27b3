/** The single error class of csv-lite. `line` is 1-based when known. */
export class CsvError extends Error {
  constructor(message, line) {
    super(line === undefined ? message : `${message} (line ${line})`);
    this.name = "CsvError";
    this.line = line;
  }
}
