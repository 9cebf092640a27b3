import assert from "node:assert/strict";
import { test } from "node:test";
import { compile, json, parseQuery, Router, RouterError, stringifyQuery } from "../src/index.js";

test("compile validates patterns", () => {
  for (const bad of ["users", "/a/*/b", "/a/:1x", "/a/:x/:x", "/a/:x?/:y", "/a//b", "/a/:x?/b"]) {
    assert.throws(() => compile(bad), RouterError, bad);
  }
  assert.deepEqual(compile("/a/:x/:y?").keys, ["x", "y"]);
});

test("compile matches params, optional params and splats", () => {
  const p = compile("/posts/:year/:slug?");
  assert.deepEqual(p.match("/posts/2024"), { year: "2024" });
  assert.deepEqual(p.match("/posts/2024/hello"), { year: "2024", slug: "hello" });
  assert.equal(p.match("/posts"), null);
  assert.equal(p.match("/posts/2024/hello/x"), null);
  const s = compile("/static/*");
  assert.deepEqual(s.match("/static/css/site.css"), { "*": "css/site.css" });
  assert.deepEqual(s.match("/static"), {});
  assert.deepEqual(compile("/").match("/"), {});
  assert.equal(compile("/").match("/x"), null);
  assert.equal(compile("/a.b").match("/aXb"), null);
});

test("simple query strings", () => {
  assert.deepEqual(parseQuery(""), {});
  assert.deepEqual(parseQuery("a=1&b=two"), { a: "1", b: "two" });
  assert.deepEqual(parseQuery("?x=%20y"), { x: " y" });
  assert.equal(stringifyQuery({ a: "1 2", b: ["x", "y"] }), "a=1%202&b=x&b=y");
});

test("router dispatch, defaults, 404 and 405", () => {
  const r = new Router();
  r.get("/users/:id", (req) => json({ id: req.params.id, q: req.query, m: req.method, p: req.path }));
  r.put("/users/:id", () => ({ status: 204 }));
  r.delete("/users/:id", () => null);
  r.add("patch", "/users/:id", () => ({ body: "patched", headers: { x: "1" } }));
  const got = r.handle({ method: "get", url: "/users/42?full=1" });
  assert.equal(got.status, 200);
  assert.equal(got.headers["content-type"], "application/json");
  assert.deepEqual(JSON.parse(got.body), { id: "42", q: { full: "1" }, m: "GET", p: "/users/42" });
  assert.deepEqual(r.handle({ method: "PUT", url: "/users/1" }), { status: 204, headers: {}, body: "" });
  assert.deepEqual(r.handle({ method: "DELETE", url: "/users/1" }), { status: 200, headers: {}, body: "" });
  assert.deepEqual(r.handle({ method: "PATCH", url: "/users/1" }), { status: 200, headers: { x: "1" }, body: "patched" });
  const nf = r.handle({ method: "GET", url: "/nothing" });
  assert.equal(nf.status, 404);
  assert.equal(nf.body, "not found: /nothing");
  const na = r.handle({ method: "POST", url: "/users/1" });
  assert.equal(na.status, 405);
  assert.equal(na.headers.allow, "DELETE, GET, PATCH, PUT");
  assert.throws(() => r.get("/x", "nope"), RouterError);
});

test("first registered of equal routes wins", () => {
  const r = new Router();
  r.get("/a/:x", () => ({ body: "first" }));
  r.get("/a/:y", () => ({ body: "second" }));
  assert.equal(r.handle({ method: "GET", url: "/a/1" }).body, "first");
});
