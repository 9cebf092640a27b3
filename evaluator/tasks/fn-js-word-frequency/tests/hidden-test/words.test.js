import assert from "node:assert/strict";
import { test } from "node:test";
import { topWords } from "../words.js";

test("example from the instructions", () => {
  assert.deepEqual(topWords("The cat and the hat. THE END, the end!", 3), [["the", 4], ["end", 2], ["and", 1]]);
});

test("ties are broken alphabetically and n defaults to 10", () => {
  const text = "m l k j i h g f e d c b a a";
  assert.deepEqual(topWords(text), [["a", 2], ["b", 1], ["c", 1], ["d", 1], ["e", 1], ["f", 1], ["g", 1], ["h", 1], ["i", 1], ["j", 1]]);
});

test("apostrophes inside words only", () => {
  assert.deepEqual(topWords("Don't 'quoted' don’t dont' rock'n'roll", 10), [["don't", 2], ["dont", 1], ["quoted", 1], ["rock'n'roll", 1]]);
});

test("punctuation, underscores and hyphens separate words; digits are word characters", () => {
  assert.deepEqual(topWords("e-mail a_b route66 66 e", 10), [["e", 2], ["66", 1], ["a", 1], ["b", 1], ["mail", 1], ["route66", 1]]);
});

test("unicode letters", () => {
  assert.deepEqual(topWords("Éclair éCLAIR naïve Ölçü straße", 10), [["éclair", 2], ["naïve", 1], ["straße", 1], ["ölçü", 1]]);
});

test("fewer words than n, n = 0 and empty text", () => {
  assert.deepEqual(topWords("one two", 5), [["one", 1], ["two", 1]]);
  assert.deepEqual(topWords("one two", 0), []);
  assert.deepEqual(topWords("", 3), []);
  assert.deepEqual(topWords(" ... !!! ''' ", 3), []);
});

test("errors", () => {
  assert.throws(() => topWords(42), TypeError);
  assert.throws(() => topWords(null, 2), TypeError);
  for (const bad of [-1, 1.5, Number.NaN, "3"]) assert.throws(() => topWords("a", bad), RangeError);
});
