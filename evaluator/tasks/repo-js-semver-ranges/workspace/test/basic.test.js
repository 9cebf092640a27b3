import assert from "node:assert/strict";
import { test } from "node:test";
import { compare, parse, satisfies } from "../src/index.js";

test("parse", () => {
  assert.deepEqual(parse("1.2.3-beta.2+exp.7"), {
    major: 1, minor: 2, patch: 3, prerelease: ["beta", 2], build: ["exp", "7"],
  });
});

test("compare", () => {
  assert.equal(compare("1.2.3", "1.10.0"), -1);
  assert.equal(compare("2.0.0", "2.0.0-rc.1"), 1);
});

test("satisfies", () => {
  assert.equal(satisfies("1.4.0", "^1.2.0"), true);
  assert.equal(satisfies("2.0.0", "^1.2.0"), false);
});
