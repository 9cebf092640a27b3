import assert from "node:assert/strict";
import { test } from "node:test";
import {
  compare, eq, format, gt, gte, lt, lte, maxSatisfying, parse, parseRange, rsort, satisfies, SemverError, sort,
} from "../src/index.js";

test("parse and format", () => {
  assert.deepEqual(parse("v10.0.1"), { major: 10, minor: 0, patch: 1, prerelease: [], build: [] });
  assert.deepEqual(parse("1.2.3-rc.1+sha.abc").prerelease, ["rc", 1]);
  assert.equal(format(parse("1.2.3-rc.1+sha.abc")), "1.2.3-rc.1");
  for (const bad of ["1.2", "01.2.3", "1.2.3-", "a.b.c", "1.2.3.4"]) {
    assert.throws(() => parse(bad), SemverError, bad);
  }
  assert.throws(() => parse(3), SemverError);
});

test("core comparison", () => {
  assert.equal(compare("1.2.3", "1.2.3"), 0);
  assert.equal(compare("1.2.3", "1.2.4"), -1);
  assert.equal(compare("2.0.0", "1.99.99"), 1);
  assert.equal(compare("1.0.0+a", "1.0.0+b"), 0);
  assert.equal(compare("1.0.0-alpha", "1.0.0"), -1);
  assert.ok(eq("1.0.0", "v1.0.0"));
  assert.ok(gt("1.0.1", "1.0.0") && gte("1.0.0", "1.0.0") && lt("0.9.0", "1.0.0") && lte("1.0.0", "1.0.0"));
  assert.deepEqual(sort(["1.10.0", "1.2.0", "1.9.0"]), ["1.2.0", "1.9.0", "1.10.0"]);
  assert.deepEqual(rsort(["1.10.0", "1.2.0", "1.9.0"]), ["1.10.0", "1.9.0", "1.2.0"]);
});

test("plain comparators, X-ranges and tilde", () => {
  assert.equal(satisfies("1.2.3", "1.2.3"), true);
  assert.equal(satisfies("1.2.4", "=1.2.3"), false);
  assert.equal(satisfies("1.5.0", ">=1.2.0 <2.0.0"), true);
  assert.equal(satisfies("2.0.0", ">=1.2.0 <2.0.0"), false);
  assert.equal(satisfies("1.2.3", ">1.2.3"), false);
  assert.equal(satisfies("1.2.3", "<=1.2.3"), true);
  assert.equal(satisfies("1.9.0", "1.x"), true);
  assert.equal(satisfies("2.0.0", "1"), false);
  assert.equal(satisfies("1.2.9", "1.2.x"), true);
  assert.equal(satisfies("1.3.0", "1.2"), false);
  assert.equal(satisfies("9.9.9", "*"), true);
  assert.equal(satisfies("9.9.9", ""), true);
  assert.equal(satisfies("1.2.9", "~1.2.3"), true);
  assert.equal(satisfies("1.3.0", "~1.2.3"), false);
  assert.equal(satisfies("1.9.0", "~1"), true);
  assert.equal(satisfies("0.2.5", "~0.2"), true);
  assert.equal(satisfies("0.3.0", "~0.2"), false);
});

test("caret on >=1 versions and unions", () => {
  assert.equal(satisfies("1.99.0", "^1.2.3"), true);
  assert.equal(satisfies("1.2.2", "^1.2.3"), false);
  assert.equal(satisfies("3.1.0", "^1.0.0 || ^3.0.0"), true);
  assert.equal(satisfies("2.1.0", "^1.0.0 || ^3.0.0"), false);
  assert.equal(maxSatisfying(["1.2.0", "1.9.9", "2.0.0"], "~1.2 || ^1.5.0"), "1.9.9");
  assert.equal(maxSatisfying(["1.0.0"], "^2"), null);
  assert.throws(() => parseRange("^1.x.3"), SemverError);
  assert.throws(() => parseRange(">=1.2"), SemverError);
  assert.throws(() => satisfies("1.0.0", "~banana"), SemverError);
});
