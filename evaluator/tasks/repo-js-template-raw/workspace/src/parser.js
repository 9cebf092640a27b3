import { TemplateError } from "./errors.js";
import { tokenize } from "./lexer.js";

/** Build a tree: nodes are tokens; sections get `children`. */
export function parse(template) {
  const root = { type: "root", children: [] };
  const stack = [root];
  for (const token of tokenize(template)) {
    const parent = stack[stack.length - 1];
    if (token.type === "section" || token.type === "inverted") {
      const node = { ...token, children: [] };
      parent.children.push(node);
      stack.push(node);
    } else if (token.type === "close") {
      if (parent === root || parent.name !== token.name) {
        throw new TemplateError(`unexpected {{/${token.name}}}`, token.offset);
      }
      stack.pop();
    } else {
      parent.children.push(token);
    }
  }
  if (stack.length > 1) {
    const open = stack[stack.length - 1];
    throw new TemplateError(`unclosed section ${open.name}`, open.offset);
  }
  return root;
}
