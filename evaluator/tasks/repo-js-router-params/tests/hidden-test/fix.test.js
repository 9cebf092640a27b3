import assert from "node:assert/strict";
import { test } from "node:test";
import { compile, parseQuery, Router, RouterError, stringifyQuery } from "../src/index.js";

const echo = (name) => (req) => ({ body: JSON.stringify({ name, params: req.params, query: req.query }) });
const call = (router, url, method = "GET") => {
  const res = router.handle({ method, url });
  return { ...res, data: res.status === 200 ? JSON.parse(res.body) : null };
};

test("path parameters are percent-decoded", () => {
  const r = new Router();
  r.get("/files/:name", echo("file"));
  r.get("/raw/*", echo("raw"));
  assert.deepEqual(call(r, "/files/my%20report%2Bv2.txt").data.params, { name: "my report+v2.txt" });
  assert.deepEqual(call(r, "/files/caf%C3%A9").data.params, { name: "café" });
  assert.deepEqual(call(r, "/files/a%2Fb").data.params, { name: "a/b" });
  assert.deepEqual(call(r, "/raw/a%20b/c").data.params, { "*": "a b/c" });
  assert.deepEqual(compile("/t/:tag").match("/t/c%23"), { tag: "c#" });
});

test("malformed percent-encoding answers 400", () => {
  const r = new Router();
  r.get("/files/:name", echo("file"));
  const res = r.handle({ method: "GET", url: "/files/%E0%A4%A" });
  assert.equal(res.status, 400);
  assert.equal(res.headers["content-type"], "text/plain");
  assert.equal(r.handle({ method: "GET", url: "/files/ok?x=%ZZ" }).status, 400);
  assert.throws(() => compile("/f/:n").match("/f/%"), (e) => e instanceof RouterError && e.status === 400);
  assert.throws(() => parseQuery("a=%"), (e) => e instanceof RouterError && e.status === 400);
});

test("one trailing slash is tolerated", () => {
  const r = new Router();
  r.get("/users/:id", echo("user"));
  r.get("/about", echo("about"));
  r.get("/posts/:year/:slug?", echo("posts"));
  assert.deepEqual(call(r, "/users/42/").data.params, { id: "42" });
  assert.equal(call(r, "/about/").data.name, "about");
  assert.deepEqual(call(r, "/posts/2024/").data.params, { year: "2024" });
  assert.equal(call(r, "/about//").status, 404);
  assert.equal(call(r, "/users//").status, 404);
});

test("repeated query keys become arrays; + is a space; values may contain =", () => {
  assert.deepEqual(parseQuery("tag=a&tag=b&tag=c&x=1"), { tag: ["a", "b", "c"], x: "1" });
  assert.deepEqual(parseQuery("?q=hello+world&sort"), { q: "hello world", sort: "" });
  assert.deepEqual(parseQuery("expr=a%3Db=c&k=v=w"), { expr: "a=b=c", k: "v=w" });
  assert.deepEqual(parseQuery("first+name=Ada&&x="), { "first name": "Ada", x: "" });
  assert.deepEqual(parseQuery("a=1&a=&a"), { a: ["1", "", ""] });
  const q = { tag: ["x y", "z&w"], n: "1" };
  assert.deepEqual(parseQuery(stringifyQuery(q)), q);
  const r = new Router();
  r.get("/search", echo("search"));
  assert.deepEqual(call(r, "/search?tag=a&tag=b").data.query, { tag: ["a", "b"] });
});

test("static segments win over parameters whatever the registration order", () => {
  const r = new Router();
  r.get("/users/:id", echo("by-id"));
  r.get("/users/me", echo("me"));
  r.get("/users/:id/posts", echo("posts-by-id"));
  r.get("/users/me/posts", echo("my-posts"));
  r.get("/*", echo("fallback"));
  r.get("/users/:id/*", echo("user-splat"));
  assert.equal(call(r, "/users/me").data.name, "me");
  assert.equal(call(r, "/users/7").data.name, "by-id");
  assert.equal(call(r, "/users/me/posts").data.name, "my-posts");
  assert.equal(call(r, "/users/9/posts").data.name, "posts-by-id");
  assert.equal(call(r, "/users/9/likes").data.name, "user-splat");
  assert.equal(call(r, "/elsewhere/x").data.name, "fallback");
});

test("equally specific routes keep registration order", () => {
  const r = new Router();
  r.get("/a/:x", echo("first"));
  r.get("/a/:y", echo("second"));
  assert.equal(call(r, "/a/1").data.name, "first");
});

test("405 when only a less specific route has the method", () => {
  const r = new Router();
  r.post("/users/me", echo("post-me"));
  r.get("/users/:id", echo("get-id"));
  assert.equal(call(r, "/users/me").data.name, "get-id");
  const res = r.handle({ method: "DELETE", url: "/users/me" });
  assert.equal(res.status, 405);
  assert.equal(res.headers.allow, "GET, POST");
});
