import assert from "node:assert/strict";
import { test } from "node:test";
import { nextRun } from "../cron.js";

const at = (iso) => new Date(iso);
function next(expression, iso) {
  const result = nextRun(expression, at(iso));
  return result === null ? null : result.toISOString();
}

test("every minute, strictly after, seconds dropped", () => {
  assert.equal(next("* * * * *", "2024-01-01T10:00:30Z"), "2024-01-01T10:01:00.000Z");
  assert.equal(next("* * * * *", "2024-01-01T10:00:00.000Z"), "2024-01-01T10:01:00.000Z");
  assert.equal(next("* * * * *", "2024-12-31T23:59:59.999Z"), "2025-01-01T00:00:00.000Z");
});

test("fixed times", () => {
  assert.equal(next("30 9 * * *", "2024-03-10T09:29:00Z"), "2024-03-10T09:30:00.000Z");
  assert.equal(next("30 9 * * *", "2024-03-10T09:30:00Z"), "2024-03-11T09:30:00.000Z");
  assert.equal(next("0 0 1 1 *", "2024-06-15T12:00:00Z"), "2025-01-01T00:00:00.000Z");
  assert.equal(next("  15   14\t1 * *  ", "2024-01-31T00:00:00Z"), "2024-02-01T14:15:00.000Z");
});

test("lists, ranges and steps", () => {
  assert.equal(next("*/15 * * * *", "2024-01-01T10:46:00Z"), "2024-01-01T11:00:00.000Z");
  assert.equal(next("5/15 * * * *", "2024-01-01T10:36:00Z"), "2024-01-01T10:50:00.000Z");
  assert.equal(next("0 9-17/4 * * *", "2024-01-01T13:00:00Z"), "2024-01-01T17:00:00.000Z");
  assert.equal(next("0 9-17/4 * * *", "2024-01-01T17:00:00Z"), "2024-01-02T09:00:00.000Z");
  assert.equal(next("10,20,40-42 * * * *", "2024-01-01T10:20:00Z"), "2024-01-01T10:40:00.000Z");
  assert.equal(next("10,20,40-42 * * * *", "2024-01-01T10:42:00Z"), "2024-01-01T11:10:00.000Z");
  assert.equal(next("0 0 * 2/5 *", "2024-03-01T00:00:00Z"), "2024-07-01T00:00:00.000Z");
});

test("names", () => {
  // 2024-01-01 is a Monday.
  assert.equal(next("0 8 * * MON-FRI", "2024-01-05T09:00:00Z"), "2024-01-08T08:00:00.000Z");
  assert.equal(next("0 8 * * sat,Sun", "2024-01-01T00:00:00Z"), "2024-01-06T08:00:00.000Z");
  assert.equal(next("0 0 1 jun-aug *", "2024-09-01T00:00:00Z"), "2025-06-01T00:00:00.000Z");
  assert.equal(next("0 12 * DEC *", "2024-01-01T00:00:00Z"), "2024-12-01T12:00:00.000Z");
});

test("sunday as 0 or 7 and ranges through 7", () => {
  assert.equal(next("0 0 * * 7", "2024-01-01T00:00:00Z"), "2024-01-07T00:00:00.000Z");
  assert.equal(next("0 0 * * 0", "2024-01-01T00:00:00Z"), "2024-01-07T00:00:00.000Z");
  assert.equal(next("0 0 * * 5-7", "2024-01-01T00:00:00Z"), "2024-01-05T00:00:00.000Z");
  assert.equal(next("0 0 * * 6-7", "2024-01-06T00:00:00Z"), "2024-01-07T00:00:00.000Z");
});

test("day of month OR day of week when both are restricted", () => {
  // every 13th and every Friday: after Mon 2024-01-01 the first is Fri 01-05, then Sat 01-13.
  assert.equal(next("0 0 13 * FRI", "2024-01-01T00:00:00Z"), "2024-01-05T00:00:00.000Z");
  assert.equal(next("0 0 13 * FRI", "2024-01-12T00:00:00Z"), "2024-01-13T00:00:00.000Z");
  assert.equal(next("0 0 1-31 * MON", "2024-01-02T00:00:00Z"), "2024-01-03T00:00:00.000Z");
  assert.equal(next("0 0 */1 * MON", "2024-01-02T05:00:00Z"), "2024-01-03T00:00:00.000Z");
  // only one restricted: the other does not widen the match.
  assert.equal(next("0 0 13 * *", "2024-01-01T00:00:00Z"), "2024-01-13T00:00:00.000Z");
  assert.equal(next("0 0 * * FRI", "2024-01-06T00:00:00Z"), "2024-01-12T00:00:00.000Z");
});

test("days that do not exist and leap days", () => {
  assert.equal(next("0 0 31 * *", "2024-04-01T00:00:00Z"), "2024-05-31T00:00:00.000Z");
  assert.equal(next("0 0 29 2 *", "2023-03-01T00:00:00Z"), "2024-02-29T00:00:00.000Z");
  assert.equal(next("0 0 29 2 *", "2097-01-01T00:00:00Z"), "2104-02-29T00:00:00.000Z");
  assert.equal(next("0 0 30 2 *", "2024-01-01T00:00:00Z"), null);
  assert.equal(next("0 0 31 4,6,9,11 *", "2024-01-01T00:00:00Z"), null);
});

test("the input date is not modified", () => {
  const d = at("2024-01-01T10:00:30Z");
  nextRun("*/5 * * * *", d);
  assert.equal(d.toISOString(), "2024-01-01T10:00:30.000Z");
});

test("syntax errors", () => {
  const bad = [
    "", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * 32 * *", "* * * 13 *",
    "* * * * 8", "* * * FOO *", "* * * * MONDAY", "5-1 * * * *", "*/0 * * * *", "1- * * * *",
    "*/ * * * *", "5,,6 * * * *", "a * * * *", "1/2/3 * * * *", "-5 * * * *",
  ];
  for (const expression of bad) {
    assert.throws(() => nextRun(expression, at("2024-01-01T00:00:00Z")), SyntaxError, JSON.stringify(expression));
  }
});

test("invalid dates", () => {
  assert.throws(() => nextRun("* * * * *", new Date("nope")), TypeError);
  assert.throws(() => nextRun("* * * * *", "2024-01-01"), TypeError);
});
