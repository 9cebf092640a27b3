import assert from "node:assert/strict";
import { test } from "node:test";
import { compare, maxSatisfying, parseRange, rsort, satisfies, sort } from "../src/index.js";

test("numeric prerelease identifiers compare numerically", () => {
  assert.equal(compare("1.0.0-alpha.2", "1.0.0-alpha.10"), -1);
  assert.equal(compare("1.0.0-alpha.10", "1.0.0-alpha.2"), 1);
  assert.equal(compare("1.0.0-rc.9", "1.0.0-rc.11"), -1);
});

test("semver precedence of prerelease identifiers", () => {
  const ordered = [
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.beta",
    "1.0.0-beta",
    "1.0.0-beta.2",
    "1.0.0-beta.11",
    "1.0.0-rc.1",
    "1.0.0",
  ];
  for (let i = 0; i + 1 < ordered.length; i++) {
    assert.equal(compare(ordered[i], ordered[i + 1]), -1, `${ordered[i]} < ${ordered[i + 1]}`);
    assert.equal(compare(ordered[i + 1], ordered[i]), 1, `${ordered[i + 1]} > ${ordered[i]}`);
  }
  const shuffled = [ordered[5], ordered[0], ordered[7], ordered[3], ordered[6], ordered[1], ordered[4], ordered[2]];
  assert.deepEqual(sort(shuffled), ordered);
  assert.deepEqual(rsort(shuffled), [...ordered].reverse());
  assert.equal(compare("1.0.0-1", "1.0.0-a"), -1);
  assert.equal(compare("1.0.0-a-1", "1.0.0-a"), 1);
  assert.equal(compare("1.0.0-x.7.z", "1.0.0-x.7.z+build"), 0);
});

test("caret ranges on 0.x versions", () => {
  assert.equal(satisfies("0.2.9", "^0.2.3"), true);
  assert.equal(satisfies("0.3.0", "^0.2.3"), false);
  assert.equal(satisfies("0.2.2", "^0.2.3"), false);
  assert.equal(satisfies("0.0.3", "^0.0.3"), true);
  assert.equal(satisfies("0.0.4", "^0.0.3"), false);
  assert.equal(satisfies("0.1.0", "^0.0.3"), false);
  assert.equal(satisfies("0.0.9", "^0.0"), true);
  assert.equal(satisfies("0.1.0", "^0.0"), false);
  assert.equal(satisfies("0.9.0", "^0"), true);
  assert.equal(satisfies("1.0.0", "^0"), false);
  assert.equal(satisfies("0.5.1", "^0.5"), true);
  assert.equal(satisfies("0.6.0", "^0.5"), false);
});

test("parseRange expands carets on 0.x", () => {
  const fmt = (sets) =>
    sets.map((set) =>
      set.map(({ op, version: v }) => `${op}${v.major}.${v.minor}.${v.patch}`).join(" "),
    );
  assert.deepEqual(fmt(parseRange("^0.2.3")), [">=0.2.3 <0.3.0"]);
  assert.deepEqual(fmt(parseRange("^0.0.3")), [">=0.0.3 <0.0.4"]);
  assert.deepEqual(fmt(parseRange("^0.0")), [">=0.0.0 <0.1.0"]);
  assert.deepEqual(fmt(parseRange("^1.2")), [">=1.2.0 <2.0.0"]);
});

test("prereleases only match sets naming a prerelease of the same version", () => {
  assert.equal(satisfies("1.3.0-beta.1", "^1.2.0"), false);
  assert.equal(satisfies("1.2.3-beta.2", "^1.2.3-beta.1"), true);
  assert.equal(satisfies("1.2.3-alpha", "^1.2.3-beta.1"), false);
  assert.equal(satisfies("1.2.4-beta.1", "^1.2.3-beta.1"), false);
  assert.equal(satisfies("1.2.5", "^1.2.3-beta.1"), true);
  assert.equal(satisfies("2.0.0-rc.1", "<2.0.0"), false);
  assert.equal(satisfies("2.0.0-rc.1", ">=1.0.0"), false);
  assert.equal(satisfies("2.0.0-rc.1", ">=2.0.0-rc.0"), true);
  assert.equal(satisfies("1.0.0-rc.1", "*"), false);
  assert.equal(satisfies("1.5.0-rc.1", "^1.0.0 || >=1.5.0-rc.0 <1.5.0"), true);
});

test("maxSatisfying skips unrequested prereleases and orders prereleases correctly", () => {
  assert.equal(maxSatisfying(["1.2.0", "1.9.9", "1.10.0-beta.1", "2.0.0"], "^1.0.0"), "1.9.9");
  assert.equal(
    maxSatisfying(["3.0.0-beta.2", "3.0.0-beta.10", "3.0.0-beta.9"], ">=3.0.0-beta.1 <3.0.0"),
    "3.0.0-beta.10",
  );
  assert.equal(maxSatisfying(["0.2.3", "0.2.10", "0.3.0", "1.0.0"], "^0.2.0"), "0.2.10");
});
