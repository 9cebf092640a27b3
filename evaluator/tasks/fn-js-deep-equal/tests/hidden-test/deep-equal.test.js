import assert from "node:assert/strict";
import { test } from "node:test";
import { deepEqual } from "../deep-equal.js";

const yes = (a, b, why) => {
  assert.equal(deepEqual(a, b), true, `expected equal: ${why}`);
  assert.equal(deepEqual(b, a), true, `expected equal (swapped): ${why}`);
};
const no = (a, b, why) => {
  assert.equal(deepEqual(a, b), false, `expected different: ${why}`);
  assert.equal(deepEqual(b, a), false, `expected different (swapped): ${why}`);
};

test("primitives", () => {
  yes(1, 1, "1");
  yes("a", "a", "a");
  yes(Number.NaN, Number.NaN, "NaN");
  yes(0, -0, "zeros");
  yes(null, null, "null");
  yes(undefined, undefined, "undefined");
  yes(10n, 10n, "bigint");
  no(1, "1", "number vs string");
  no(1n, 1, "bigint vs number");
  no(null, undefined, "null vs undefined");
  no(Symbol("a"), Symbol("a"), "distinct symbols");
  no(0, null, "0 vs null");
  no(null, {}, "null vs object");
  no("", [], "empty string vs array");
});

test("functions by identity", () => {
  const f = () => 1;
  yes(f, f, "same function");
  no(f, () => 1, "different functions");
  yes({ f }, { f }, "inside objects");
});

test("arrays", () => {
  yes([1, [2, [3]]], [1, [2, [3]]], "nested");
  no([1, 2], [1, 2, 3], "length");
  no([1, 2], [2, 1], "order");
  no([], {}, "array vs object");
  no({ 0: "a", length: 1 }, ["a"], "array-like");
  yes([undefined], new Array(1), "hole is undefined");
  yes([], [], "empty");
});

test("plain objects", () => {
  yes({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }, "key order");
  no({ a: 1 }, { a: 1, b: 2 }, "extra key");
  no({ x: undefined }, {}, "undefined-valued key");
  no({ x: undefined }, { y: undefined }, "different keys");
  yes({ [Symbol("s")]: 1 }, {}, "symbol keys ignored");
  const hidden = {};
  Object.defineProperty(hidden, "secret", { value: 1, enumerable: false });
  yes(hidden, {}, "non-enumerable ignored");
  no(Object.create(null), {}, "different prototype");
});

test("class instances compare prototype and fields", () => {
  class Point {
    constructor(x, y) {
      this.x = x;
      this.y = y;
    }
  }
  class Other {
    constructor(x, y) {
      this.x = x;
      this.y = y;
    }
  }
  yes(new Point(1, 2), new Point(1, 2), "same class");
  no(new Point(1, 2), new Point(1, 3), "different field");
  no(new Point(1, 2), new Other(1, 2), "different class");
  no(new Point(1, 2), { x: 1, y: 2 }, "instance vs plain");
});

test("dates and regexps", () => {
  yes(new Date(1000), new Date(1000), "same time");
  no(new Date(1000), new Date(1001), "different time");
  yes(new Date(Number.NaN), new Date("nope"), "invalid dates");
  no(new Date(0), {}, "date vs object");
  yes(/a+b/gi, /a+b/gi, "regexp");
  no(/a+b/g, /a+b/i, "flags");
  no(/a/, /b/, "source");
  no(/a/, "/a/", "regexp vs string");
});

test("maps and sets", () => {
  yes(new Map([["a", { x: 1 }], [1, [2]]]), new Map([[1, [2]], ["a", { x: 1 }]]), "map");
  no(new Map([["a", 1]]), new Map([["a", 2]]), "map values");
  no(new Map([["a", 1]]), new Map([["b", 1]]), "map keys");
  no(new Map([[{}, 1]]), new Map([[{}, 1]]), "object keys by identity");
  yes(new Map([[Number.NaN, 1]]), new Map([[Number.NaN, 1]]), "NaN key");
  yes(new Set([1, "a", 3]), new Set([3, 1, "a"]), "set");
  no(new Set([1, 2]), new Set([1, 2, 3]), "set size");
  no(new Set([1, 2]), new Set([1, 3]), "set elements");
  no(new Map(), new Set(), "map vs set");
  no(new Map(), {}, "map vs object");
  yes({ m: new Map([["k", new Set([1])]]) }, { m: new Map([["k", new Set([1])]]) }, "nested");
});

test("cycles", () => {
  const a = { name: "n" };
  a.self = a;
  const b = { name: "n" };
  b.self = b;
  yes(a, b, "self cycles");
  const c = { name: "other" };
  c.self = c;
  no(a, c, "cycles with different data");
  const list1 = [1];
  list1.push(list1);
  const list2 = [1];
  list2.push(list2);
  yes(list1, list2, "array cycle");
  const x = { v: 1 };
  const y = { v: 1, next: x };
  x.next = y;
  const p = { v: 1 };
  const q = { v: 1, next: p };
  p.next = q;
  yes(x, p, "two-node cycle");
  const m1 = new Map();
  m1.set("me", m1);
  const m2 = new Map();
  m2.set("me", m2);
  yes(m1, m2, "map cycle");
});

test("does not modify inputs", () => {
  const a = { list: [3, 1, 2], nested: { k: "v" } };
  const b = { list: [3, 1, 2], nested: { k: "v" } };
  deepEqual(a, b);
  assert.deepStrictEqual(a, { list: [3, 1, 2], nested: { k: "v" } });
  assert.equal(Object.keys(a).length, 2);
});
