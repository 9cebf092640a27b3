import { RouterError } from "./errors.js";
import { compile } from "./pattern.js";
import { parseQuery } from "./query.js";
import { methodNotAllowed, normalize, notFound, text } from "./response.js";

export class Router {
  #routes = [];

  add(method, pattern, handler) {
    if (typeof handler !== "function") throw new RouterError("handler must be a function");
    this.#routes.push({ method: method.toUpperCase(), matcher: compile(pattern), handler });
    return this;
  }

  get(pattern, handler) {
    return this.add("GET", pattern, handler);
  }

  post(pattern, handler) {
    return this.add("POST", pattern, handler);
  }

  put(pattern, handler) {
    return this.add("PUT", pattern, handler);
  }

  delete(pattern, handler) {
    return this.add("DELETE", pattern, handler);
  }

  handle({ method, url }) {
    const verb = method.toUpperCase();
    const queryAt = url.indexOf("?");
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const query = parseQuery(queryAt === -1 ? "" : url.slice(queryAt + 1));

    const allowed = new Set();
    for (const route of this.#routes) {
      const params = route.matcher.match(path);
      if (params === null) continue;
      if (route.method !== verb) {
        allowed.add(route.method);
        continue;
      }
      return normalize(route.handler({ method: verb, path, params, query }));
    }
    if (allowed.size > 0) return methodNotAllowed([...allowed].sort());
    return notFound(path);
  }
}

export { text };
