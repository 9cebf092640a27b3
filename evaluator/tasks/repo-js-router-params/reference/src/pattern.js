import { RouterError } from "./errors.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function compile(pattern) {
  if (typeof pattern !== "string" || !pattern.startsWith("/")) {
    throw new RouterError(`pattern must start with "/": ${JSON.stringify(pattern)}`);
  }
  const segments = pattern === "/" ? [] : pattern.slice(1).split("/");
  const keys = [];
  // Specificity rank per segment (static 0, parameter 1, splat 2) used to order routes.
  const ranks = [];
  let source = "";
  let sawOptional = false;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === "*") {
      if (!last) throw new RouterError(`"*" must be the last segment: ${pattern}`);
      keys.push("*");
      ranks.push(2);
      source += "(?:/(.*))?";
      return;
    }
    if (segment.startsWith(":")) {
      const optional = segment.endsWith("?");
      const name = optional ? segment.slice(1, -1) : segment.slice(1);
      if (!NAME.test(name)) throw new RouterError(`invalid parameter name "${name}" in ${pattern}`);
      if (keys.includes(name)) throw new RouterError(`duplicate parameter "${name}" in ${pattern}`);
      if (sawOptional && !optional) throw new RouterError(`required parameter after optional one: ${pattern}`);
      sawOptional ||= optional;
      keys.push(name);
      ranks.push(1);
      source += optional ? "(?:/([^/]+))?" : "/([^/]+)";
      return;
    }
    if (segment === "" || sawOptional) throw new RouterError(`invalid segment in ${pattern}`);
    ranks.push(0);
    source += `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
  });
  // One trailing slash is tolerated ("/users/42/" matches "/users/:id").
  const regex = new RegExp(`^${source === "" ? "/" : `${source}/?`}$`);
  return {
    pattern,
    keys,
    ranks,
    match(path) {
      const m = regex.exec(path);
      if (!m) return null;
      const params = {};
      keys.forEach((key, i) => {
        if (m[i + 1] !== undefined) params[key] = decode(m[i + 1], path);
      });
      return params;
    },
  };
}

function decode(value, path) {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new RouterError(`malformed URL encoding in path: ${path}`, 400);
  }
}

/** Negative when route pattern `a` is more specific than `b`, 0 when equally specific. */
export function compareSpecificity(a, b) {
  for (let i = 0; i < Math.max(a.ranks.length, b.ranks.length); i++) {
    const x = a.ranks[i] ?? -1;
    const y = b.ranks[i] ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}
