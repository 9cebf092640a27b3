export { RouterError } from "./errors.js";
export { compile } from "./pattern.js";
export { parseQuery, stringifyQuery } from "./query.js";
export { json, methodNotAllowed, notFound, text } from "./response.js";
export { Router } from "./router.js";
