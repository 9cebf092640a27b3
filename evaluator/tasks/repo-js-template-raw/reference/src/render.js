import { escapeHtml } from "./escape.js";
import { parse } from "./parser.js";

export function render(template, data) {
  return renderNodes(parse(template).children, [data]);
}

function renderNodes(nodes, stack) {
  let out = "";
  for (const node of nodes) {
    switch (node.type) {
      case "text":
        out += node.value;
        break;
      case "name": {
        const value = lookup(stack, node.name);
        out += value === null || value === undefined ? "" : escapeHtml(value);
        break;
      }
      case "raw": {
        const value = lookup(stack, node.name);
        out += value === null || value === undefined ? "" : String(value);
        break;
      }
      case "section": {
        const value = lookup(stack, node.name);
        if (Array.isArray(value)) {
          for (const item of value) out += renderNodes(node.children, [...stack, item]);
        } else if (value && typeof value === "object") {
          out += renderNodes(node.children, [...stack, value]);
        } else if (value) {
          out += renderNodes(node.children, stack);
        }
        break;
      }
      case "inverted": {
        const value = lookup(stack, node.name);
        if (!value || (Array.isArray(value) && value.length === 0)) out += renderNodes(node.children, stack);
        break;
      }
    }
  }
  return out;
}

/** The first segment is searched from the innermost context outwards; the rest walk into it. */
export function lookup(stack, name) {
  if (name === ".") return stack[stack.length - 1];
  const [first, ...rest] = name.split(".");
  for (let i = stack.length - 1; i >= 0; i--) {
    const context = stack[i];
    if (context !== null && typeof context === "object" && first in context) {
      let value = context[first];
      for (const key of rest) value = value === null || value === undefined ? undefined : value[key];
      return value;
    }
  }
  return undefined;
}
