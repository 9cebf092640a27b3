import assert from "node:assert/strict";
import { test } from "node:test";
import { CsvError, fromObjects, parse, quoteField, stringify, toObjects } from "../src/index.js";

test("simple documents parse as before", () => {
  assert.deepEqual(parse(""), []);
  assert.deepEqual(parse("a,b\n1,2\n"), [["a", "b"], ["1", "2"]]);
  assert.deepEqual(parse("a,b\n1,2"), [["a", "b"], ["1", "2"]]);
  assert.deepEqual(parse("single"), [["single"]]);
  assert.deepEqual(parse("a\n\nb\n"), [["a"], [""], ["b"]]);
  assert.deepEqual(parse("a\tb\n", { delimiter: "\t" }), [["a", "b"]]);
  assert.deepEqual(parse('"a","b"\n'), [["a", "b"]]);
});

test("parse rejects bad arguments", () => {
  assert.throws(() => parse(42), CsvError);
  assert.throws(() => parse("a", { delimiter: ",," }), CsvError);
});

test("stringify behaviour is unchanged", () => {
  assert.equal(stringify([]), "");
  assert.equal(stringify([["a", null, undefined, 3]]), "a,,,3\n");
  assert.equal(stringify([["a\nb", "c"]], { eol: "\r\n" }), '"a\nb",c\r\n');
  assert.equal(quoteField("x;y", ";"), '"x;y"');
  assert.throws(() => stringify([1]), CsvError);
});

test("records helpers are unchanged", () => {
  assert.deepEqual(toObjects([]), []);
  assert.deepEqual(toObjects([["a", "b"], ["1", "2"]]), [{ a: "1", b: "2" }]);
  assert.throws(() => toObjects([["a", "b"], ["1"]]), (e) => e instanceof CsvError && e.line === 2);
  assert.deepEqual(fromObjects([{ a: 1 }, { a: 2, b: 3 }]), [["a"], ["1"], ["2"]]);
  assert.deepEqual(fromObjects([{ a: 1 }], ["b", "a"]), [["b", "a"], ["", "1"]]);
});
