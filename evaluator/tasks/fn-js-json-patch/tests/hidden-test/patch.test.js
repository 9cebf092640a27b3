import assert from "node:assert/strict";
import { test } from "node:test";
import { PatchError, applyPatch } from "../patch.js";

function failsAt(document, operations, index) {
  const before = JSON.stringify(document);
  assert.throws(
    () => applyPatch(document, operations),
    (e) => e instanceof PatchError && e instanceof Error && e.name === "PatchError" && e.index === index,
    `expected PatchError at ${index} for ${JSON.stringify(operations)}`,
  );
  assert.equal(JSON.stringify(document), before, "document untouched after a failure");
}

test("add to objects and arrays", () => {
  assert.deepEqual(applyPatch({ a: 1 }, [{ op: "add", path: "/b", value: 2 }]), { a: 1, b: 2 });
  assert.deepEqual(applyPatch({ a: 1 }, [{ op: "add", path: "/a", value: [3] }]), { a: [3] });
  assert.deepEqual(applyPatch([1, 2], [{ op: "add", path: "/1", value: 9 }]), [1, 9, 2]);
  assert.deepEqual(applyPatch([1, 2], [{ op: "add", path: "/2", value: 9 }]), [1, 2, 9]);
  assert.deepEqual(applyPatch([1, 2], [{ op: "add", path: "/-", value: 9 }]), [1, 2, 9]);
  assert.deepEqual(applyPatch({ a: { b: [] } }, [{ op: "add", path: "/a/b/0", value: { c: null } }]), { a: { b: [{ c: null }] } });
  assert.deepEqual(applyPatch({ x: 1 }, [{ op: "add", path: "", value: [1] }]), [1]);
  assert.deepEqual(applyPatch({}, [{ op: "add", path: "/", value: 1 }]), { "": 1 });
  assert.deepEqual(applyPatch({}, [{ op: "add", path: "/-", value: 1 }]), { "-": 1 });
});

test("pointer escapes", () => {
  const doc = { "a/b": 1, "m~n": 2, "~1": 3 };
  assert.deepEqual(applyPatch(doc, [{ op: "replace", path: "/a~1b", value: 10 }])["a/b"], 10);
  assert.deepEqual(applyPatch(doc, [{ op: "replace", path: "/m~0n", value: 20 }])["m~n"], 20);
  assert.deepEqual(applyPatch(doc, [{ op: "remove", path: "/~01" }]), { "a/b": 1, "m~n": 2 });
});

test("remove and replace", () => {
  assert.deepEqual(applyPatch({ a: 1, b: 2 }, [{ op: "remove", path: "/a" }]), { b: 2 });
  assert.deepEqual(applyPatch([1, 2, 3], [{ op: "remove", path: "/0" }]), [2, 3]);
  assert.deepEqual(applyPatch({ a: [1, 2] }, [{ op: "replace", path: "/a/1", value: "x" }]), { a: [1, "x"] });
  assert.deepEqual(applyPatch({ a: 1 }, [{ op: "replace", path: "", value: "all" }]), "all");
  assert.deepEqual(applyPatch({ a: 1 }, [{ op: "replace", path: "/a", value: null }]), { a: null });
});

test("move and copy", () => {
  assert.deepEqual(applyPatch({ a: { x: 1 }, b: {} }, [{ op: "move", from: "/a/x", path: "/b/y" }]), { a: {}, b: { y: 1 } });
  assert.deepEqual(applyPatch([1, 2, 3, 4], [{ op: "move", from: "/0", path: "/3" }]), [2, 3, 4, 1]);
  assert.deepEqual(applyPatch([1, 2, 3, 4], [{ op: "move", from: "/3", path: "/0" }]), [4, 1, 2, 3]);
  assert.deepEqual(applyPatch({ a: 1 }, [{ op: "move", from: "/a", path: "/a" }]), { a: 1 });
  assert.deepEqual(applyPatch({ a: { b: 1 }, ab: {} }, [{ op: "move", from: "/a", path: "/ab/x" }]), { ab: { x: { b: 1 } } });
  const copied = applyPatch({ a: { deep: [1] } }, [
    { op: "copy", from: "/a", path: "/b" },
    { op: "add", path: "/b/deep/-", value: 2 },
  ]);
  assert.deepEqual(copied, { a: { deep: [1] }, b: { deep: [1, 2] } });
  assert.deepEqual(applyPatch([1, 2], [{ op: "copy", from: "/1", path: "/-" }]), [1, 2, 2]);
});

test("test operation", () => {
  const doc = { a: [1, { b: "c" }], n: null, z: 0 };
  assert.deepEqual(applyPatch(doc, [{ op: "test", path: "/a", value: [1, { b: "c" }] }]), doc);
  assert.deepEqual(applyPatch(doc, [{ op: "test", path: "/n", value: null }]), doc);
  assert.deepEqual(applyPatch({ o: { x: 1, y: 2 } }, [{ op: "test", path: "/o", value: { y: 2, x: 1 } }]), { o: { x: 1, y: 2 } });
  failsAt(doc, [{ op: "test", path: "/z", value: false }], 0);
  failsAt(doc, [{ op: "test", path: "/a/0", value: "1" }], 0);
  failsAt(doc, [{ op: "test", path: "/a", value: [{ b: "c" }, 1] }], 0);
  failsAt(doc, [{ op: "test", path: "/missing", value: null }], 0);
  failsAt({ o: { x: 1 } }, [{ op: "test", path: "/o", value: { x: 1, y: 2 } }], 0);
});

test("inputs are never modified and values are copied", () => {
  const doc = { list: [1, 2], obj: { k: "v" } };
  const value = { fresh: [1] };
  const result = applyPatch(doc, [
    { op: "add", path: "/list/-", value: 3 },
    { op: "add", path: "/obj/new", value },
    { op: "remove", path: "/obj/k" },
  ]);
  assert.deepEqual(doc, { list: [1, 2], obj: { k: "v" } });
  value.fresh.push(2);
  assert.deepEqual(result, { list: [1, 2, 3], obj: { new: { fresh: [1] } } });
});

test("failures report the operation index and leave the input untouched", () => {
  const doc = { a: { b: [1, 2] }, s: "str" };
  failsAt(doc, [{ op: "add", path: "/a/c", value: 1 }, { op: "remove", path: "/nope" }], 1);
  failsAt(doc, [{ op: "add", path: "/x/y", value: 1 }], 0);
  failsAt(doc, [{ op: "add", path: "/a/b/3", value: 1 }], 0);
  failsAt(doc, [{ op: "add", path: "/a/b/01", value: 1 }], 0);
  failsAt(doc, [{ op: "add", path: "/a/b/-1", value: 1 }], 0);
  failsAt(doc, [{ op: "remove", path: "/a/b/2" }], 0);
  failsAt(doc, [{ op: "remove", path: "/a/b/-" }], 0);
  failsAt(doc, [{ op: "remove", path: "" }], 0);
  failsAt(doc, [{ op: "replace", path: "/zzz", value: 1 }], 0);
  failsAt(doc, [{ op: "add", path: "/s/0", value: 1 }], 0);
  failsAt(doc, [{ op: "add", path: "a", value: 1 }], 0);
  failsAt(doc, [{ op: "move", from: "/a", path: "/a/b/0" }], 0);
  failsAt(doc, [{ op: "move", from: "/nope", path: "/x" }], 0);
  failsAt(doc, [{ op: "copy", path: "/x" }], 0);
  failsAt(doc, [{ op: "add", path: "/x" }], 0);
  failsAt(doc, [{ op: "replace", path: "/s" }], 0);
  failsAt(doc, [{ op: "fly", path: "/s" }], 0);
  failsAt(doc, [{ op: "add", value: 1 }], 0);
  failsAt(doc, [{ op: "test", path: "/s", value: "str" }, { op: "add", path: "/t", value: 1 }, { op: "test", path: "/t", value: 2 }], 2);
  assert.throws(() => applyPatch(doc, "nope"), (e) => e instanceof PatchError && e.index === -1);
});
