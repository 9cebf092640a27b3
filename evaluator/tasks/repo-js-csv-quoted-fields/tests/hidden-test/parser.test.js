import assert from "node:assert/strict";
import { test } from "node:test";
import { CsvError, parse } from "../src/index.js";

test("quoted field containing the delimiter stays one field", () => {
  assert.deepEqual(parse('name,address\nAda,"12 Main St, Springfield"\n'), [
    ["name", "address"],
    ["Ada", "12 Main St, Springfield"],
  ]);
  assert.deepEqual(parse('"a,b",c'), [["a,b", "c"]]);
  assert.deepEqual(parse('x;"1;2";y', { delimiter: ";" }), [["x", "1;2", "y"]]);
});

test("doubled quotes inside a quoted field become one quote", () => {
  assert.deepEqual(parse('"say ""hi""",x\n'), [['say "hi"', "x"]]);
  assert.deepEqual(parse('""""'), [['"']]);
  assert.deepEqual(parse('a,""\n'), [["a", ""]]);
});

test("line breaks inside a quoted field are kept", () => {
  assert.deepEqual(parse('id,note\n1,"line one\nline two"\n2,plain\n'), [
    ["id", "note"],
    ["1", "line one\nline two"],
    ["2", "plain"],
  ]);
  assert.deepEqual(parse('"a\r\nb",c\r\n'), [["a\r\nb", "c"]]);
});

test("CRLF record separators", () => {
  assert.deepEqual(parse("a,b\r\n1,2\r\n"), [["a", "b"], ["1", "2"]]);
  assert.deepEqual(parse("a,b\r\n1,2"), [["a", "b"], ["1", "2"]]);
});

test("empty fields and trailing delimiters", () => {
  assert.deepEqual(parse("a,,c\n,,\n"), [["a", "", "c"], ["", "", ""]]);
  assert.deepEqual(parse('a,"b",'), [["a", "b", ""]]);
});

test("a quote in the middle of an unquoted field is literal", () => {
  assert.deepEqual(parse('ab"c,d\n'), [['ab"c', "d"]]);
  assert.deepEqual(parse('5" screen,x'), [['5" screen', "x"]]);
});

test("unterminated quoted field throws CsvError naming the line", () => {
  assert.throws(() => parse('a,b\n1,"oops\n2,3\n'), (err) => {
    assert.ok(err instanceof CsvError);
    assert.match(err.message, /unterminated/i);
    assert.equal(err.line, 2);
    return true;
  });
});

test("garbage after a closing quote throws CsvError", () => {
  assert.throws(() => parse('"abc"def,1\n'), CsvError);
  assert.throws(() => parse('x\n"a" ,b\n'), (err) => err instanceof CsvError && err.line === 2);
});
