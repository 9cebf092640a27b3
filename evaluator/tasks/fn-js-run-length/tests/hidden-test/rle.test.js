import assert from "node:assert/strict";
import { test } from "node:test";
import { decode, encode } from "../rle.js";

test("encode compresses runs", () => {
  assert.equal(encode("aaabccdddd"), "3ab2c4d");
  assert.equal(encode("abc"), "abc");
  assert.equal(encode(""), "");
  assert.equal(encode("  x"), "2 x");
  assert.equal(encode("aA"), "aA");
  assert.equal(encode("a".repeat(12)), "12a");
  assert.equal(encode("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"), "110z");
  assert.equal(encode("!!??.."), "2!2?2.");
  assert.equal(encode("abba"), "a2ba");
});

test("encode works on code points, not UTF-16 units", () => {
  assert.equal(encode("😀😀"), "2😀");
  assert.equal(encode("😀😁"), "😀😁");
  assert.equal(encode("ééé𝄞"), "3é𝄞");
});

test("decode expands runs", () => {
  assert.equal(decode("3ab2c4d"), "aaabccdddd");
  assert.equal(decode("12a"), "a".repeat(12));
  assert.equal(decode(""), "");
  assert.equal(decode("2😀x"), "😀😀x");
  assert.equal(decode("2 x"), "  x");
  assert.equal(decode("a10b"), `a${"b".repeat(10)}`);
});

test("round trip", () => {
  for (const s of ["", "a", "aaaaaaaaaaaaaaaaaaaaaaab", "x y  z   ", "😀😀😀a😀", "mississippi", "--==--"]) {
    assert.equal(decode(encode(s)), s);
  }
});

test("encode rejects digits and non-strings", () => {
  assert.throws(() => encode("a1"), RangeError);
  assert.throws(() => encode("9"), RangeError);
  assert.throws(() => encode(12), TypeError);
  assert.throws(() => encode(null), TypeError);
});

test("decode rejects malformed counts", () => {
  for (const bad of ["3", "a4", "0a", "05b", "ab00c"]) {
    assert.throws(() => decode(bad), RangeError, `decode(${JSON.stringify(bad)})`);
  }
  assert.throws(() => decode(undefined), TypeError);
});
