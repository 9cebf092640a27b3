import assert from "node:assert/strict";
import { test } from "node:test";
import { render, TemplateError } from "../src/index.js";

test("variables, dotted names and escaping", () => {
  assert.equal(render("Hello {{name}}!", { name: "<Ada> & co" }), "Hello &lt;Ada&gt; &amp; co!");
  assert.equal(render('{{q}}', { q: '"' }), "&quot;");
  assert.equal(render("{{user.name}}/{{user.missing}}/{{nope.x}}", { user: { name: "Bo" } }), "Bo//");
  assert.equal(render("{{ a }}{{b}}{{c}}", { a: 0, b: null, c: false }), "0false");
  assert.equal(render("no tags", {}), "no tags");
  assert.equal(render("", {}), "");
});

test("sections and inverted sections", () => {
  const data = { items: [{ n: "a" }, { n: "b" }], empty: [], flag: true, off: false, obj: { k: "v" }, title: "T" };
  assert.equal(render("{{#items}}{{n}}{{title}};{{/items}}", data), "aT;bT;");
  assert.equal(render("{{#empty}}x{{/empty}}{{^empty}}none{{/empty}}", data), "none");
  assert.equal(render("{{#flag}}on{{/flag}}{{#off}}no{{/off}}{{^off}}off{{/off}}", data), "onoff");
  assert.equal(render("{{#obj}}{{k}}{{/obj}}", data), "v");
  assert.equal(render("{{#items}}{{#flag}}[{{n}}]{{/flag}}{{/items}}", data), "[a][b]");
  assert.equal(render("{{! a comment }}x", data), "x");
  assert.equal(render("{{^missing}}m{{/missing}}", data), "m");
});

test("errors carry offsets", () => {
  assert.throws(() => render("ab{{name", {}), (e) => e instanceof TemplateError && e.offset === 2);
  assert.throws(() => render("{{#a}}x", {}), (e) => e instanceof TemplateError && e.offset === 0);
  assert.throws(() => render("{{#a}}{{/b}}", {}), (e) => e instanceof TemplateError && e.offset === 6);
  assert.throws(() => render("{{/a}}", {}), TemplateError);
  assert.throws(() => render("{{bad name}}", {}), TemplateError);
});
