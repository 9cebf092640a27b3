import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeHtml, parse, render, TemplateError } from "../src/index.js";

test("triple mustache outputs the value unescaped", () => {
  assert.equal(render("<div>{{{html}}}</div>", { html: "<b>bold</b> & 'more'" }), "<div><b>bold</b> & 'more'</div>");
  assert.equal(render("{{{ html }}}", { html: '"q"' }), '"q"');
  assert.equal(render("[{{{missing}}}]", {}), "[]");
  assert.equal(render("{{{n}}}", { n: 0 }), "0");
  assert.equal(render("{{{user.bio}}}", { user: { bio: "<i>x</i>" } }), "<i>x</i>");
  assert.equal(render("{{#xs}}{{{.}}},{{/xs}}", { xs: ["<a>", "<b>"] }), "<a>,<b>,");
});

test("ampersand tag outputs the value unescaped", () => {
  assert.equal(render("{{& html}}|{{&html}}|{{html}}", { html: "<p>" }), "<p>|<p>|&lt;p&gt;");
  assert.equal(render("{{& a.b}}", { a: { b: "<x>" } }), "<x>");
});

test("raw tags next to other tags and text", () => {
  assert.equal(render("{{a}}{{{b}}}{{c}}", { a: "<", b: "<", c: "<" }), "&lt;<&lt;");
  assert.equal(render("x{{{a}}}}y", { a: 1 }), "x1}y");
});

test("malformed raw tags throw TemplateError", () => {
  assert.throws(() => render("{{{name}}", { name: 1 }), (e) => e instanceof TemplateError && e.offset === 0);
  assert.throws(() => render("ab{{{bad name}}}", {}), (e) => e instanceof TemplateError && e.offset === 2);
  assert.throws(() => render("{{&}}", {}), TemplateError);
});

test("single quotes are escaped", () => {
  assert.equal(escapeHtml("it's"), "it&#39;s");
  assert.equal(render("<a title='{{t}}'>", { t: "x' onmouseover='y" }), "<a title='x&#39; onmouseover=&#39;y'>");
  assert.equal(escapeHtml(`<&>"'`), "&lt;&amp;&gt;&quot;&#39;");
});

test("raw tokens appear in the parse tree", () => {
  const tree = parse("{{{a}}}{{&b}}");
  assert.deepEqual(
    tree.children.map((n) => [n.type, n.name]),
    [["raw", "a"], ["raw", "b"]],
  );
});
