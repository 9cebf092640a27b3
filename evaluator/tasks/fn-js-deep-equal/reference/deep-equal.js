function kind(value) {
  if (Array.isArray(value)) return "array";
  if (value instanceof Date) return "date";
  if (value instanceof RegExp) return "regexp";
  if (value instanceof Map) return "map";
  if (value instanceof Set) return "set";
  return "object";
}

function samePrimitive(a, b) {
  return a === b ? true : Object.is(a, b);
}

function equal(a, b, seen) {
  if (samePrimitive(a, b)) return true;
  const ta = typeof a;
  const tb = typeof b;
  const isObj = (t, v) => (t === "object" && v !== null) || t === "function";
  if (!isObj(ta, a) || !isObj(tb, b)) return false;
  if (ta === "function" || tb === "function") return false;
  let partners = seen.get(a);
  if (partners?.has(b)) return true;
  if (!partners) {
    partners = new Set();
    seen.set(a, partners);
  }
  partners.add(b);
  try {
    return compareObjects(a, b, seen);
  } finally {
    partners.delete(b);
  }
}

function compareObjects(a, b, seen) {
  const k = kind(a);
  if (k !== kind(b)) return false;
  switch (k) {
    case "array":
      if (a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i], seen)) return false;
      return true;
    case "date":
      return samePrimitive(a.getTime(), b.getTime());
    case "regexp":
      return a.source === b.source && a.flags === b.flags;
    case "map":
      if (a.size !== b.size) return false;
      for (const [key, value] of a) if (!b.has(key) || !equal(value, b.get(key), seen)) return false;
      return true;
    case "set":
      if (a.size !== b.size) return false;
      for (const value of a) if (!b.has(value)) return false;
      return true;
    default: {
      if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
      const keysA = Object.keys(a);
      const keysB = Object.keys(b);
      if (keysA.length !== keysB.length) return false;
      const setB = new Set(keysB);
      for (const key of keysA) if (!setB.has(key) || !equal(a[key], b[key], seen)) return false;
      return true;
    }
  }
}

export function deepEqual(a, b) {
  return equal(a, b, new Map());
}
