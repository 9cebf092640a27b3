import assert from "node:assert/strict";
import { test } from "node:test";
import { globMatch } from "../glob.js";

const yes = (p, s) => assert.equal(globMatch(p, s), true, `${JSON.stringify(p)} should match ${JSON.stringify(s)}`);
const no = (p, s) => assert.equal(globMatch(p, s), false, `${JSON.stringify(p)} should not match ${JSON.stringify(s)}`);

test("literals and whole-path matching", () => {
  yes("a/b.txt", "a/b.txt");
  no("a/b.txt", "a/b.txt2");
  no("a/b.txt", "xa/b.txt");
  no("a/b.txt", "a/bxtxt");
  yes("", "");
  no("", "a");
  yes("(a+b)|$^.js", "(a+b)|$^.js");
  no("File.js", "file.js");
});

test("? and *", () => {
  yes("?.js", "a.js");
  no("?.js", ".js");
  no("?.js", "ab.js");
  no("a?b", "a/b");
  yes("*.js", "index.js");
  yes("*.js", ".js");
  yes("*", ".env");
  no("*.js", "src/index.js");
  yes("src/*", "src/x");
  no("src/*", "src/x/y");
  yes("*/*/*", "a/b/c");
  yes("a*b*c", "abc");
  yes("a*b*c", "aXXbYYc");
  no("a*b*c", "aXXbYY");
  yes("a**b", "aXb");
  no("a**b", "a/b/c/b");
});

test("** as whole segments", () => {
  yes("a/**/b", "a/b");
  yes("a/**/b", "a/x/b");
  yes("a/**/b", "a/x/y/z/b");
  no("a/**/b", "a/xb");
  no("a/**/b", "ab");
  yes("**/b", "b");
  yes("**/b", "x/y/b");
  no("**/b", "xb");
  yes("a/**", "a");
  yes("a/**", "a/x/y");
  no("a/**", "ab");
  yes("**", "");
  yes("**", "a/b/c");
  yes("**/*.test.js", "test/unit/a.test.js");
  yes("**/*.test.js", "a.test.js");
  yes("src/**/index.?s", "src/a/b/index.ts");
  no("src/**/index.?s", "lib/a/index.ts");
});

test("character classes", () => {
  yes("[abc].js", "b.js");
  no("[abc].js", "d.js");
  yes("file[0-9]", "file7");
  no("file[0-9]", "filex");
  yes("[!a-c]x", "dx");
  no("[!a-c]x", "bx");
  yes("[^a-c]x", "dx");
  no("[!a]", "/");
  no("a[/]b", "a/b");
  yes("[]a]", "]");
  yes("[]a]", "a");
  yes("[!]]", "x");
  no("[!]]", "]");
  yes("[-a]", "-");
  yes("[a-]", "-");
  yes("[a-cx-z]", "y");
  yes("x[", "x[");
  yes("[ab", "[ab");
  no("[ab", "a");
  yes("[*]", "*");
  no("[*]", "x");
});

test("brace alternatives", () => {
  yes("*.{js,ts}", "a.ts");
  yes("*.{js,ts}", "a.js");
  no("*.{js,ts}", "a.jsx");
  yes("src/{lib,test/unit}/*.js", "src/test/unit/a.js");
  yes("src/{lib,test/unit}/*.js", "src/lib/a.js");
  no("src/{lib,test/unit}/*.js", "src/test/a.js");
  yes("{a,b{c,d}}", "bd");
  yes("{a,b{c,d}}", "a");
  no("{a,b{c,d}}", "b");
  yes("file{,.bak}", "file");
  yes("file{,.bak}", "file.bak");
  yes("{a}", "{a}");
  no("{a}", "a");
  yes("{a,b", "{a,b");
  yes("{**/x,y}", "p/q/x");
  yes("{a,b}/{c,d}", "b/c");
  yes("{[ab],z}q", "bq");
});

test("escapes", () => {
  yes("\\*.js", "*.js");
  no("\\*.js", "a.js");
  yes("a\\?", "a?");
  no("a\\?", "ab");
  yes("\\[x]", "[x]");
  yes("\\{a,b}", "{a,b}");
  no("\\{a,b}", "a");
  yes("a\\\\b", "a\\b");
  yes("a\\", "a\\");
  yes("{a\\,b,c}", "a,b");
  yes("{a\\,b,c}", "c");
});

test("no exponential blow-up", () => {
  const pattern = "*a*a*a*a*a*a*a*a*a*a*b";
  const path = "a".repeat(60);
  assert.equal(globMatch(pattern, path), false);
  assert.equal(globMatch("**/**/**/**/**/**/x", `${"d/".repeat(40)}y`), false);
});

test("type errors", () => {
  assert.throws(() => globMatch(null, "a"), TypeError);
  assert.throws(() => globMatch("a", 1), TypeError);
});
