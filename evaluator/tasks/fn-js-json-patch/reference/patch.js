export class PatchError extends Error {
  constructor(message, index) {
    super(index >= 0 ? `operation ${index}: ${message}` : message);
    this.name = "PatchError";
    this.index = index;
  }
}

class Failure extends Error {}

const clone = (value) => structuredClone(value);

function parsePointer(pointer) {
  if (typeof pointer !== "string") throw new Failure("pointer must be a string");
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw new Failure(`pointer ${JSON.stringify(pointer)} must start with "/"`);
  return pointer
    .slice(1)
    .split("/")
    .map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function arrayIndex(token, length, allowEnd) {
  if (allowEnd && token === "-") return length;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new Failure(`bad array index ${JSON.stringify(token)}`);
  const index = Number(token);
  if (index > (allowEnd ? length : length - 1)) throw new Failure(`index ${index} out of range`);
  return index;
}

const isContainer = (v) => typeof v === "object" && v !== null;

function resolveParent(root, tokens) {
  let node = root;
  for (const token of tokens.slice(0, -1)) {
    if (!isContainer(node)) throw new Failure("path goes through a primitive");
    if (Array.isArray(node)) node = node[arrayIndex(token, node.length, false)];
    else {
      if (!Object.hasOwn(node, token)) throw new Failure(`missing key ${JSON.stringify(token)}`);
      node = node[token];
    }
  }
  if (!isContainer(node)) throw new Failure("parent is not an object or array");
  return node;
}

function get(root, tokens) {
  if (tokens.length === 0) return root;
  const parent = resolveParent(root, tokens);
  const last = tokens.at(-1);
  if (Array.isArray(parent)) return parent[arrayIndex(last, parent.length, false)];
  if (!Object.hasOwn(parent, last)) throw new Failure(`missing key ${JSON.stringify(last)}`);
  return parent[last];
}

function add(root, tokens, value) {
  if (tokens.length === 0) return value;
  const parent = resolveParent(root, tokens);
  const last = tokens.at(-1);
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, true), 0, value);
  else parent[last] = value;
  return root;
}

function remove(root, tokens) {
  if (tokens.length === 0) throw new Failure("cannot remove the whole document");
  const parent = resolveParent(root, tokens);
  const last = tokens.at(-1);
  if (Array.isArray(parent)) parent.splice(arrayIndex(last, parent.length, false), 1);
  else {
    if (!Object.hasOwn(parent, last)) throw new Failure(`missing key ${JSON.stringify(last)}`);
    delete parent[last];
  }
  return root;
}

function jsonEqual(a, b) {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

function need(op, field) {
  if (op[field] === undefined) throw new Failure(`${op.op} needs "${field}"`);
  return op[field];
}

function applyOne(root, op) {
  if (!isContainer(op)) throw new Failure("operation must be an object");
  const path = parsePointer(need(op, "path"));
  switch (op.op) {
    case "add":
      return add(root, path, clone(need(op, "value")));
    case "remove":
      return remove(root, path);
    case "replace": {
      const value = clone(need(op, "value"));
      get(root, path);
      return path.length === 0 ? value : add(remove(root, path), path, value);
    }
    case "move": {
      const fromPointer = need(op, "from");
      const from = parsePointer(fromPointer);
      if (fromPointer === op.path) return root;
      if (from.length < path.length && from.every((t, i) => t === path[i])) throw new Failure("cannot move a value into itself");
      const value = get(root, from);
      return add(remove(root, from), path, value);
    }
    case "copy":
      return add(root, path, clone(get(root, parsePointer(need(op, "from")))));
    case "test":
      if (!jsonEqual(get(root, path), need(op, "value"))) throw new Failure("test failed");
      return root;
    default:
      throw new Failure(`unknown op ${JSON.stringify(op.op)}`);
  }
}

export function applyPatch(document, operations) {
  if (!Array.isArray(operations)) throw new PatchError("operations must be an array", -1);
  let result = clone(document);
  operations.forEach((op, index) => {
    try {
      result = applyOne(result, op);
    } catch (error) {
      if (error instanceof Failure) throw new PatchError(error.message, index);
      throw error;
    }
  });
  return result;
}
