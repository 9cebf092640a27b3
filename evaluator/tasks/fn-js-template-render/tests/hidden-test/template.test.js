import assert from "node:assert/strict";
import { test } from "node:test";
import { render } from "../template.js";

test("plain text and variables", () => {
  assert.equal(render("hello", {}), "hello");
  assert.equal(render("", {}), "");
  assert.equal(render("Hi {{name}}!", { name: "Ann" }), "Hi Ann!");
  assert.equal(render("Hi {{  name\t}}!", { name: "Ann" }), "Hi Ann!");
  assert.equal(render("{{a}}{{b}}{{c}}", { a: 0, b: false, c: [1, 2] }), "0false1,2");
  assert.equal(render("[{{missing}}][{{nil}}][{{u}}]", { nil: null, u: undefined }), "[][][]");
  assert.equal(render("a } b { c }} d", {}), "a } b { c }} d");
});

test("escaping", () => {
  const data = { html: `<a href="x">Tom & Jerry's</a>` };
  assert.equal(render("{{html}}", data), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  assert.equal(render("{{{html}}}", data), data.html);
  assert.equal(render("{{{ html }}}", data), data.html);
  assert.equal(render("{{& html}}", data), data.html);
  assert.equal(render("{{&html}}", data), data.html);
});

test("dotted names and lookup through the context stack", () => {
  const data = { user: { name: "Ann", address: { city: "Oslo" } }, site: "ex" };
  assert.equal(render("{{user.address.city}}", data), "Oslo");
  assert.equal(render("{{user.address.zip}}|{{user.name.first}}|{{nope.x}}", data), "||");
  assert.equal(render("{{#user}}{{name}}@{{site}}{{/user}}", data), "Ann@ex");
  assert.equal(render("{{#user}}{{#address}}{{city}}/{{name}}{{/address}}{{/user}}", data), "Oslo/Ann");
  assert.equal(render("{{toString}}{{constructor}}", {}), "");
  // a shadowing key in an inner context wins even if it is falsy
  assert.equal(render("{{#inner}}[{{v}}]{{/inner}}", { v: "outer", inner: { v: 0 } }), "[0]");
  // dotted lookup resolves only the first key through the stack
  assert.equal(render("{{#a}}{{b.c}}{{/a}}", { b: { c: "outer" }, a: { b: {} } }), "");
});

test("sections over lists, objects and scalars", () => {
  assert.equal(render("{{#list}}<{{.}}>{{/list}}", { list: [1, 2, 3] }), "<1><2><3>");
  assert.equal(render("{{#list}}{{n}},{{/list}}", { list: [{ n: "a" }, { n: "b" }] }), "a,b,");
  assert.equal(render("{{#flag}}yes{{/flag}}", { flag: true }), "yes");
  assert.equal(render("{{#s}}({{.}}){{/s}}", { s: "str" }), "(str)");
  assert.equal(render("{{#n}}[{{.}}]{{/n}}", { n: 5 }), "[5]");
  assert.equal(render("{{#m}}x{{/m}}", { m: [[1, 2], [3]] }), "xx");
  assert.equal(render("{{#m}}{{#.}}{{.}}{{/.}};{{/m}}", { m: [[1, 2], [3]] }), "12;3;");
});

test("empty values skip sections and enable inverted ones", () => {
  for (const empty of [false, null, undefined, 0, "", Number.NaN, []]) {
    assert.equal(render("{{#v}}shown{{/v}}{{^v}}inverted{{/v}}", { v: empty }), "inverted", String(empty));
  }
  assert.equal(render("{{#v}}shown{{/v}}{{^v}}inverted{{/v}}", {}), "inverted");
  for (const full of [true, 1, "x", [0], {}]) {
    assert.equal(render("{{#v}}shown{{/v}}{{^v}}inverted{{/v}}", { v: full }), "shown", JSON.stringify(full));
  }
});

test("comments", () => {
  assert.equal(render("a{{! a comment with {{ braces }}b", {}), "ab");
  assert.equal(render("a{{! ignore me }}b", {}), "ab");
});

test("the example from the instructions", () => {
  const template = "{{#items}}<li>{{name}}{{^price}} (free){{/price}}</li>{{/items}}{{^items}}none{{/items}}";
  assert.equal(render(template, { items: [{ name: "A&B", price: 3 }, { name: "C", price: 0 }] }), "<li>A&amp;B</li><li>C (free)</li>");
  assert.equal(render(template, { items: [] }), "none");
});

test("syntax errors", () => {
  for (const bad of ["{{name", "{{{name}}", "{{ }}", "{{#}}", "{{#a}}x", "{{#a}}{{/b}}", "x{{/a}}", "{{#a}}{{#b}}{{/a}}{{/b}}", "{{^a}}"]) {
    assert.throws(() => render(bad, { a: 1, b: 1, name: "n" }), SyntaxError, JSON.stringify(bad));
  }
  assert.throws(() => render(null, {}), TypeError);
});

test("a larger document", () => {
  const template = [
    "<h1>{{title}}</h1>",
    "{{#sections}}<h2>{{heading}}</h2><ul>{{#points}}<li>{{.}}</li>{{/points}}{{^points}}<li>(empty)</li>{{/points}}</ul>{{/sections}}",
    "<footer>{{{footer}}} {{author.name}}</footer>",
  ].join("\n");
  const data = {
    title: "Notes <1>",
    sections: [{ heading: "A", points: ["x", "y<z"] }, { heading: "B", points: [] }],
    footer: "<b>end</b>",
    author: { name: "Bo" },
  };
  assert.equal(
    render(template, data),
    "<h1>Notes &lt;1&gt;</h1>\n<h2>A</h2><ul><li>x</li><li>y&lt;z</li></ul><h2>B</h2><ul><li>(empty)</li></ul>\n<footer><b>end</b> Bo</footer>",
  );
});
