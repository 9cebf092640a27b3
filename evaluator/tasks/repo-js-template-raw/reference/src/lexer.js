import { TemplateError } from "./errors.js";

const SIGILS = { "#": "section", "^": "inverted", "/": "close", "!": "comment", "&": "raw" };
const NAME = /^(\.|[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*)$/;

/**
 * Split a template into tokens:
 * { type: "text", value } | { type: "name" | "raw" | "section" | "inverted" | "close", name, offset }
 */
export function tokenize(template) {
  const tokens = [];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf("{{", pos);
    if (open === -1) {
      tokens.push({ type: "text", value: template.slice(pos) });
      break;
    }
    if (open > pos) tokens.push({ type: "text", value: template.slice(pos, open) });
    // {{{name}}}: unescaped output, closed by "}}}".
    const triple = template.startsWith("{{{", open);
    const closer = triple ? "}}}" : "}}";
    const start = open + (triple ? 3 : 2);
    const close = template.indexOf(closer, start);
    if (close === -1) throw new TemplateError("unclosed tag", open);
    let body = template.slice(start, close).trim();
    let type = triple ? "raw" : "name";
    if (!triple && SIGILS[body[0]]) {
      type = SIGILS[body[0]];
      body = body.slice(1).trim();
    }
    if (type !== "comment") {
      if (!NAME.test(body)) throw new TemplateError(`invalid tag name ${JSON.stringify(body)}`, open);
      tokens.push({ type, name: body, offset: open });
    }
    pos = close + closer.length;
  }
  return tokens;
}
