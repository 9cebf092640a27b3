const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

// Parses into a tree: strings, {type:"var", name, raw}, {type:"section", name, inverted, children}.
function parse(template) {
  const root = { children: [] };
  const stack = [root];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{{", i);
    if (open === -1) {
      stack.at(-1).children.push(template.slice(i));
      break;
    }
    if (open > i) stack.at(-1).children.push(template.slice(i, open));
    const triple = template.startsWith("{{{", open);
    const closer = triple ? "}}}" : "}}";
    const close = template.indexOf(closer, open + (triple ? 3 : 2));
    if (close === -1) throw new SyntaxError(`unclosed tag at ${open}`);
    let body = template.slice(open + (triple ? 3 : 2), close).trim();
    i = close + closer.length;
    if (triple) {
      if (body === "") throw new SyntaxError(`empty tag at ${open}`);
      stack.at(-1).children.push({ type: "var", name: body, raw: true });
      continue;
    }
    const sigil = body[0];
    if (sigil === "!") continue;
    if ("#^/&".includes(sigil)) body = body.slice(1).trim();
    if (body === "") throw new SyntaxError(`empty tag at ${open}`);
    if (sigil === "#" || sigil === "^") {
      const section = { type: "section", name: body, inverted: sigil === "^", children: [] };
      stack.at(-1).children.push(section);
      stack.push(section);
    } else if (sigil === "/") {
      const current = stack.at(-1);
      if (current === root) throw new SyntaxError(`closing tag {{/${body}}} without an open section`);
      if (current.name !== body) throw new SyntaxError(`{{/${body}}} closes {{#${current.name}}}`);
      stack.pop();
    } else {
      stack.at(-1).children.push({ type: "var", name: body, raw: sigil === "&" });
    }
  }
  if (stack.length > 1) throw new SyntaxError(`section ${stack.at(-1).name} is never closed`);
  return root.children;
}

const isObject = (v) => typeof v === "object" && v !== null;

function lookup(name, contexts) {
  if (name === ".") return contexts.at(-1);
  const [first, ...rest] = name.split(".");
  let value;
  let found = false;
  for (let k = contexts.length - 1; k >= 0; k--) {
    if (isObject(contexts[k]) && Object.hasOwn(contexts[k], first)) {
      value = contexts[k][first];
      found = true;
      break;
    }
  }
  if (!found) return undefined;
  for (const key of rest) {
    if (!isObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

const isEmpty = (v) => !v || (Array.isArray(v) && v.length === 0);

function renderNodes(nodes, contexts) {
  let out = "";
  for (const node of nodes) {
    if (typeof node === "string") out += node;
    else if (node.type === "var") {
      const value = lookup(node.name, contexts);
      const text = value === undefined || value === null ? "" : String(value);
      out += node.raw ? text : escapeHtml(text);
    } else {
      const value = lookup(node.name, contexts);
      if (node.inverted) {
        if (isEmpty(value)) out += renderNodes(node.children, contexts);
      } else if (!isEmpty(value)) {
        const items = Array.isArray(value) ? value : [value];
        for (const item of items) out += renderNodes(node.children, [...contexts, item]);
      }
    }
  }
  return out;
}

export function render(template, data) {
  if (typeof template !== "string") throw new TypeError("template must be a string");
  return renderNodes(parse(template), [data]);
}
