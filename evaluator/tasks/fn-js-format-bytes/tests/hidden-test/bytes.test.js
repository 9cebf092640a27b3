import assert from "node:assert/strict";
import { test } from "node:test";
import { formatBytes } from "../bytes.js";

test("below one kilo stays in bytes", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(1), "1 B");
  assert.equal(formatBytes(999), "999 B");
  assert.equal(formatBytes(1023, { binary: true }), "1023 B");
  assert.equal(formatBytes(999, { decimals: 3 }), "999 B");
});

test("decimal units", () => {
  assert.equal(formatBytes(1000), "1 kB");
  assert.equal(formatBytes(1500), "1.5 kB");
  assert.equal(formatBytes(1024), "1 kB");
  assert.equal(formatBytes(2_560_000), "2.6 MB");
  assert.equal(formatBytes(7_000_000_000), "7 GB");
  assert.equal(formatBytes(1234567, { decimals: 3 }), "1.235 MB");
  assert.equal(formatBytes(1200000, { decimals: 3 }), "1.2 MB");
  assert.equal(formatBytes(1_000_000_000_000), "1 TB");
  assert.equal(formatBytes(3e15), "3 PB");
  assert.equal(formatBytes(2e18), "2 EB");
});

test("binary units", () => {
  assert.equal(formatBytes(1024, { binary: true }), "1 KiB");
  assert.equal(formatBytes(1536, { binary: true }), "1.5 KiB");
  assert.equal(formatBytes(1000, { binary: true }), "1000 B");
  assert.equal(formatBytes(5 * 1024 ** 3, { binary: true }), "5 GiB");
  assert.equal(formatBytes(1024 ** 2 * 3.25, { binary: true, decimals: 2 }), "3.25 MiB");
  assert.equal(formatBytes(1024 ** 4, { binary: true }), "1 TiB");
});

test("zero decimals and trailing zeros", () => {
  assert.equal(formatBytes(1500, { decimals: 0 }), "2 kB");
  assert.equal(formatBytes(1400, { decimals: 0 }), "1 kB");
  assert.equal(formatBytes(1010, { decimals: 2 }), "1.01 kB");
  assert.equal(formatBytes(1001, { decimals: 2 }), "1 kB");
});

test("rounding up to the base moves to the next unit", () => {
  assert.equal(formatBytes(999_950), "1 MB");
  assert.equal(formatBytes(999_949), "999.9 kB");
  assert.equal(formatBytes(1024 * 1024 - 1, { binary: true }), "1 MiB");
  assert.equal(formatBytes(999_999_999, { decimals: 0 }), "1 GB");
});

test("beyond the largest unit", () => {
  assert.equal(formatBytes(5e21), "5000 EB");
});

test("negative values", () => {
  assert.equal(formatBytes(-1500), "-1.5 kB");
  assert.equal(formatBytes(-10), "-10 B");
  assert.equal(formatBytes(-2048, { binary: true }), "-2 KiB");
});

test("errors", () => {
  assert.throws(() => formatBytes("1000"), TypeError);
  assert.throws(() => formatBytes(undefined), TypeError);
  assert.throws(() => formatBytes(1n), TypeError);
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 1.5]) assert.throws(() => formatBytes(bad), RangeError);
  for (const decimals of [-1, 11, 1.5]) assert.throws(() => formatBytes(5000, { decimals }), RangeError);
});
