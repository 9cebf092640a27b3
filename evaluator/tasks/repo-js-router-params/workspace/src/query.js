export function parseQuery(queryString) {
  const result = {};
  const text = queryString.startsWith("?") ? queryString.slice(1) : queryString;
  for (const part of text.split("&")) {
    if (part === "") continue;
    const [key, value = ""] = part.split("=");
    result[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return result;
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
