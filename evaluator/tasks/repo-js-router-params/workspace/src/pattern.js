import { RouterError } from "./errors.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function compile(pattern) {
  if (typeof pattern !== "string" || !pattern.startsWith("/")) {
    throw new RouterError(`pattern must start with "/": ${JSON.stringify(pattern)}`);
  }
  const segments = pattern === "/" ? [] : pattern.slice(1).split("/");
  const keys = [];
  let source = "";
  let sawOptional = false;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === "*") {
      if (!last) throw new RouterError(`"*" must be the last segment: ${pattern}`);
      keys.push("*");
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
      source += optional ? "(?:/([^/]+))?" : "/([^/]+)";
      return;
    }
    if (segment === "" || sawOptional) throw new RouterError(`invalid segment in ${pattern}`);
    source += `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
  });
  const regex = new RegExp(`^${source === "" ? "/" : source}$`);
  return {
    pattern,
    keys,
    match(path) {
      const m = regex.exec(path);
      if (!m) return null;
      const params = {};
      keys.forEach((key, i) => {
        if (m[i + 1] !== undefined) params[key] = m[i + 1];
      });
      return params;
    },
  };
}
