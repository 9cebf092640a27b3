import assert from "node:assert/strict";
import { test } from "node:test";
import { render } from "../src/index.js";

test("variables are escaped", () => {
  assert.equal(render("Hello {{name}}!", { name: "<Ada>" }), "Hello &lt;Ada&gt;!");
});

test("sections", () => {
  assert.equal(render("{{#items}}- {{.}}\n{{/items}}", { items: [1, 2] }), "- 1\n- 2\n");
});
