import assert from "node:assert/strict";
import { test } from "node:test";
import { json, Router } from "../src/index.js";

test("routes with params", () => {
  const r = new Router();
  r.get("/users/:id", (req) => json({ id: req.params.id }));
  assert.deepEqual(r.handle({ method: "GET", url: "/users/42" }).body, '{"id":"42"}');
  assert.equal(r.handle({ method: "GET", url: "/nope" }).status, 404);
  assert.equal(r.handle({ method: "POST", url: "/users/1" }).status, 405);
});
