import { RouterError } from "./errors.js";

/**
 * Parse a query string. Keys seen once map to a string, repeated keys to an array of their values
 * in order; "+" means a space; a part without "=" has the value "".
 */
export function parseQuery(queryString) {
  const result = {};
  const text = queryString.startsWith("?") ? queryString.slice(1) : queryString;
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? "" : decode(part.slice(eq + 1));
    if (!Object.hasOwn(result, key)) result[key] = value;
    else if (Array.isArray(result[key])) result[key].push(value);
    else result[key] = [result[key], value];
  }
  return result;
}

function decode(text) {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    throw new RouterError(`malformed URL encoding in query: ${text}`, 400);
  }
}

export function stringifyQuery(object) {
  const parts = [];
  for (const [key, value] of Object.entries(object)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
    }
  }
  return parts.join("&");
}
