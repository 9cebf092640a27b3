import assert from "node:assert/strict";
import { test } from "node:test";
import { splitWords, toCamel, toConstant, toKebab, toPascal, toSnake } from "../case.js";

test("separators", () => {
  assert.deepEqual(splitWords("hello_world"), ["hello", "world"]);
  assert.deepEqual(splitWords("  --hello...world//  "), ["hello", "world"]);
  assert.deepEqual(splitWords("a-b c.d"), ["a", "b", "c", "d"]);
  assert.deepEqual(splitWords(""), []);
  assert.deepEqual(splitWords("__"), []);
});

test("camel boundaries", () => {
  assert.deepEqual(splitWords("fooBar"), ["foo", "bar"]);
  assert.deepEqual(splitWords("FooBarBaz"), ["foo", "bar", "baz"]);
  assert.deepEqual(splitWords("v2Api"), ["v2", "api"]);
  assert.deepEqual(splitWords("aB"), ["a", "b"]);
});

test("acronyms", () => {
  assert.deepEqual(splitWords("HTTPServer"), ["http", "server"]);
  assert.deepEqual(splitWords("parseHTMLTag"), ["parse", "html", "tag"]);
  assert.deepEqual(splitWords("XMLHttpRequest"), ["xml", "http", "request"]);
  assert.deepEqual(splitWords("getURL"), ["get", "url"]);
  assert.deepEqual(splitWords("ID"), ["id"]);
  assert.deepEqual(splitWords("parseHTTPResponse_v2"), ["parse", "http", "response", "v2"]);
});

test("digits stay with what precedes them", () => {
  assert.deepEqual(splitWords("base64Encode"), ["base64", "encode"]);
  assert.deepEqual(splitWords("utf8"), ["utf8"]);
  assert.deepEqual(splitWords("ABC123def"), ["abc123def"]);
  assert.deepEqual(splitWords("2fast"), ["2fast"]);
  assert.deepEqual(splitWords("2Fast"), ["2", "fast"]);
  assert.deepEqual(splitWords("item_2_name"), ["item", "2", "name"]);
  assert.deepEqual(splitWords("level10Boss"), ["level10", "boss"]);
});

test("converters", () => {
  const id = "parseHTTPResponse_v2";
  assert.equal(toCamel(id), "parseHttpResponseV2");
  assert.equal(toPascal(id), "ParseHttpResponseV2");
  assert.equal(toSnake(id), "parse_http_response_v2");
  assert.equal(toKebab(id), "parse-http-response-v2");
  assert.equal(toConstant(id), "PARSE_HTTP_RESPONSE_V2");
  assert.equal(toCamel("MAX_RETRY_COUNT"), "maxRetryCount");
  assert.equal(toPascal("user id"), "UserId");
  assert.equal(toCamel("item_2_name"), "item2Name");
  assert.equal(toSnake("XMLHttpRequest"), "xml_http_request");
  assert.equal(toKebab("  Already-kebab-case "), "already-kebab-case");
  assert.equal(toConstant("getURL"), "GET_URL");
});

test("no words gives the empty string", () => {
  for (const f of [toCamel, toPascal, toSnake, toKebab, toConstant]) assert.equal(f("--"), "");
});

test("round trips through the converters", () => {
  for (const id of ["parseHttpResponseV2", "userId", "x", "base64Encode"]) {
    assert.equal(toCamel(toSnake(id)), id);
    assert.equal(toCamel(toKebab(id)), id);
    assert.equal(toCamel(toConstant(id)), id);
    assert.equal(toCamel(toPascal(id)), id);
  }
});

test("non-strings are rejected", () => {
  for (const f of [splitWords, toCamel, toPascal, toSnake, toKebab, toConstant]) {
    assert.throws(() => f(12), TypeError);
    assert.throws(() => f(null), TypeError);
  }
});
