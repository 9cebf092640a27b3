import assert from "node:assert/strict";
import { test } from "node:test";
import { fromRoman, toRoman } from "../roman.js";

const known = [
  [1, "I"], [3, "III"], [4, "IV"], [5, "V"], [9, "IX"], [14, "XIV"], [40, "XL"], [44, "XLIV"],
  [49, "XLIX"], [90, "XC"], [99, "XCIX"], [400, "CD"], [444, "CDXLIV"], [500, "D"], [900, "CM"],
  [1994, "MCMXCIV"], [2024, "MMXXIV"], [3888, "MMMDCCCLXXXVIII"], [3999, "MMMCMXCIX"],
];

test("toRoman writes known values", () => {
  for (const [n, roman] of known) assert.equal(toRoman(n), roman, `toRoman(${n})`);
});

test("fromRoman reads known values", () => {
  for (const [n, roman] of known) assert.equal(fromRoman(roman), n, `fromRoman(${roman})`);
});

test("round trip over the whole range", () => {
  for (let n = 1; n <= 3999; n++) {
    const roman = toRoman(n);
    assert.match(roman, /^[IVXLCDM]+$/);
    assert.doesNotMatch(roman, /(.)\1\1\1/);
    assert.equal(fromRoman(roman), n);
  }
});

test("toRoman rejects values outside 1..3999 with RangeError", () => {
  for (const bad of [0, -1, 4000, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => toRoman(bad), RangeError, `toRoman(${bad})`);
  }
});

test("toRoman rejects non-numbers with TypeError", () => {
  for (const bad of ["12", null, undefined, 12n, {}]) {
    assert.throws(() => toRoman(bad), TypeError);
  }
});

test("fromRoman rejects non-canonical numerals with RangeError", () => {
  for (const bad of ["", "IIII", "IC", "VX", "MMMM", "xiv", "XIV ", "IIV", "VV", "IL", "XM", "CMC", "DD", "LXL", "ABC"]) {
    assert.throws(() => fromRoman(bad), RangeError, `fromRoman(${JSON.stringify(bad)})`);
  }
});

test("fromRoman rejects non-strings with TypeError", () => {
  for (const bad of [14, null, undefined, ["X"]]) {
    assert.throws(() => fromRoman(bad), TypeError);
  }
});
