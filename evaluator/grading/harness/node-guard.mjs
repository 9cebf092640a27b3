// Loaded with `--import` into every process `node --test` starts (the grader adds the flag; Node passes
// it on to each test file's child process). In a child, before any test file or solution code runs, it
// locks what a solution could patch to pass without working: node:assert, node:assert/strict, node:test,
// process.exit/reallyExit and the CommonJS loader. A locked property still reads as the original;
// assigning to it records "[dgm-grader] tamper: …" on stderr (the reporter in the parent process turns
// that into a failed grade) and throws; process.exit records and throws when called. Hidden tests are
// bound by the same locks: a test of a CLI that exits runs it in a child process. Nothing here is secret.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const MARK = "[dgm-grader] tamper:";
const writeStderr = process.stderr.write.bind(process.stderr);

function tamper(what) {
  const message = `${MARK} ${what}`;
  writeStderr(`\n${message}\n`);
  throw new Error(message);
}

/** Makes `object[key]` read as its current value forever; assigning to it is recorded as tampering. */
function lock(object, key, label) {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  if (!descriptor?.configurable) return;
  if (!("value" in descriptor)) {
    Object.defineProperty(object, key, { ...descriptor, configurable: false });
    return;
  }
  const value = descriptor.value;
  Object.defineProperty(object, key, {
    enumerable: descriptor.enumerable,
    configurable: false,
    get: () => value,
    set: () => tamper(`the solution replaced ${label}.${String(key)}`),
  });
}

function lockAll(object, label) {
  for (const key of Reflect.ownKeys(object)) {
    if (key === "prototype" || key === "length" || key === "name") continue;
    lock(object, key, label);
  }
}

function blockExit(name) {
  return function blocked(code) {
    tamper(`the solution called ${name}(${code === undefined ? "" : String(code)}) while the tests ran`);
  };
}

if (process.env.NODE_TEST_CONTEXT?.startsWith("child")) {
  const assert = require("node:assert");
  lockAll(assert, "assert");
  lockAll(assert.strict, "assert.strict");
  lockAll(require("node:test"), "node:test");
  const Module = require("node:module");
  lock(Module, "_load", "Module");
  lock(Module.prototype, "require", "Module.prototype");
  for (const name of ["exit", "reallyExit"]) {
    Object.defineProperty(process, name, {
      value: blockExit(`process.${name}`),
      writable: false,
      configurable: false,
      enumerable: false,
    });
  }
}
