import assert from "node:assert/strict";
import { test } from "node:test";
import { parse, stringify } from "../src/index.js";

const samples = [
  [["plain", "fields"]],
  [["has,comma", 'has "quotes"', "has\nnewline", ""]],
  [["a", "b", "c"], ["", "", ""], ['"', '""', ","]],
  [["multi\r\nline", "x"], ["y", "tab\there"]],
];

for (const [i, rows] of samples.entries()) {
  test(`stringify → parse round trip #${i + 1}`, () => {
    assert.deepEqual(parse(stringify(rows)), rows);
    assert.deepEqual(parse(stringify(rows, { eol: "\r\n" })), rows);
    assert.deepEqual(parse(stringify(rows, { delimiter: ";" }), { delimiter: ";" }), rows);
  });
}
