import { TemplateError } from "./errors.js";

const SIGILS = { "#": "section", "^": "inverted", "/": "close", "!": "comment" };
const NAME = /^(\.|[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*)$/;

/**
 * Split a template into tokens:
 * { type: "text", value } | { type: "name" | "section" | "inverted" | "close", name, offset }
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
    const close = template.indexOf("}}", open + 2);
    if (close === -1) throw new TemplateError("unclosed tag", open);
    let body = template.slice(open + 2, close).trim();
    let type = "name";
    if (SIGILS[body[0]]) {
      type = SIGILS[body[0]];
      body = body.slice(1).trim();
    }
    if (type !== "comment") {
      if (!NAME.test(body)) throw new TemplateError(`invalid tag name ${JSON.stringify(body)}`, open);
      tokens.push({ type, name: body, offset: open });
    }
    pos = close + 2;
  }
  return tokens;
}
