export { TemplateError } from "./errors.js";
export { escapeHtml } from "./escape.js";
export { parse } from "./parser.js";
export { render } from "./render.js";
