import assert from "node:assert/strict";
import { test } from "node:test";
import { fromObjects, parse, stringify, toObjects } from "../src/index.js";

test("stringify quotes fields that need it", () => {
  assert.equal(stringify([["a", "b,c"], ['say "hi"', "x"]]), 'a,"b,c"\n"say ""hi""",x\n');
});

test("parse simple rows", () => {
  assert.deepEqual(parse("a,b\n1,2\n"), [["a", "b"], ["1", "2"]]);
});

test("records round trip", () => {
  const rows = fromObjects([{ n: "Ada", a: 36 }]);
  assert.deepEqual(toObjects(rows), [{ n: "Ada", a: "36" }]);
});
