import assert from "node:assert/strict";
import { test } from "node:test";
import { evaluate } from "../calc.js";

test("numbers and basic arithmetic", () => {
  assert.equal(evaluate("1 + 2"), 3);
  assert.equal(evaluate("3.25"), 3.25);
  assert.equal(evaluate(".5 + 10."), 10.5);
  assert.equal(evaluate("7 - 2 - 1"), 4);
  assert.equal(evaluate("2 * 3 + 4"), 10);
  assert.equal(evaluate("2 + 3 * 4"), 14);
  assert.equal(evaluate("20 / 4 / 5"), 1);
  assert.equal(evaluate("17 % 5 * 2"), 4);
  assert.equal(evaluate("-7 % 3"), -1);
  assert.equal(evaluate(" \t1\n+\n1 "), 2);
});

test("parentheses", () => {
  assert.equal(evaluate("(2 + 3) * 4"), 20);
  assert.equal(evaluate("((((1))))"), 1);
  assert.equal(evaluate("2 * (3 + (4 - 1)) / 3"), 4);
});

test("power and unary operators", () => {
  assert.equal(evaluate("2^10"), 1024);
  assert.equal(evaluate("2^3^2"), 512);
  assert.equal(evaluate("-2^2"), -4);
  assert.equal(evaluate("(-2)^2"), 4);
  assert.equal(evaluate("2^-1"), 0.5);
  assert.equal(evaluate("--2"), 2);
  assert.equal(evaluate("-+-3"), 3);
  assert.equal(evaluate("2*-3"), -6);
  assert.equal(evaluate("2 * 3^2"), 18);
  assert.equal(evaluate("-3 * -3"), 9);
  assert.equal(evaluate("1 - -1"), 2);
  assert.equal(evaluate("2^2^-1"), Math.SQRT2);
});

test("variables", () => {
  assert.equal(evaluate("x * y + z_1", { x: 2, y: 5, z_1: 1 }), 11);
  assert.equal(evaluate("-x^2", { x: 3 }), -9);
  assert.throws(() => evaluate("x + nope", { x: 1 }), (e) => e instanceof ReferenceError && /nope/.test(e.message));
  assert.throws(() => evaluate("toString"), ReferenceError);
});

test("functions", () => {
  assert.equal(evaluate("max(1, 5, 3)"), 5);
  assert.equal(evaluate("min(4)"), 4);
  assert.equal(evaluate("abs(-3) + sqrt(16) + floor(2.7)"), 9);
  assert.equal(evaluate("max(1, min(2, 3) * 2) ^ 2"), 16);
  assert.equal(evaluate("-abs(-2)^2"), -4);
  assert.equal(evaluate("floor(-2.5)"), -3);
  assert.throws(() => evaluate("cos(1)"), (e) => e instanceof ReferenceError && /cos/.test(e.message));
  assert.throws(() => evaluate("abs(1, 2)"), RangeError);
  assert.throws(() => evaluate("max()"), RangeError);
  assert.throws(() => evaluate("sqrt(-1)"), RangeError);
});

test("division by zero", () => {
  assert.throws(() => evaluate("1 / 0"), RangeError);
  assert.throws(() => evaluate("5 % (2 - 2)"), RangeError);
  assert.throws(() => evaluate("x / y", { x: 1, y: 0 }), RangeError);
});

function syntaxAt(expression, position) {
  assert.throws(
    () => evaluate(expression),
    (e) => e instanceof SyntaxError && e.position === position,
    `${JSON.stringify(expression)} should be a SyntaxError at ${position}`,
  );
}

test("syntax errors carry the position", () => {
  syntaxAt("2 +", 3);
  syntaxAt("2 * * 3", 4);
  syntaxAt("(1 + 2", 6);
  syntaxAt("1 + 2)", 5);
  syntaxAt("3 $ 4", 2);
  syntaxAt("4 5", 2);
  syntaxAt("", 0);
  syntaxAt("   ", 3);
  syntaxAt("max(1 2)", 6);
  syntaxAt("()", 1);
  syntaxAt("max(1,)", 6);
  syntaxAt("2 ^", 3);
  syntaxAt("1 + 2 3", 6);
});

test("syntax is checked before evaluation", () => {
  syntaxAt("1/0 +", 5);
  syntaxAt("nope +", 6);
  syntaxAt("cos(1) )", 7);
});

test("does not use eval", () => {
  assert.throws(() => evaluate("2 ** 3"), SyntaxError);
  assert.throws(() => evaluate("Math.PI"), SyntaxError);
  assert.throws(() => evaluate("1e3"), (e) => e instanceof SyntaxError || e instanceof ReferenceError);
});
