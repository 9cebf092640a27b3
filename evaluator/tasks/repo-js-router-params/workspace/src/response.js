export function json(body, status = 200) {
  return { status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

export function text(body, status = 200) {
  return { status, headers: { "content-type": "text/plain" }, body: String(body) };
}

export function notFound(path) {
  return text(`not found: ${path}`, 404);
}

export function methodNotAllowed(allowed) {
  const response = text("method not allowed", 405);
  response.headers.allow = allowed.join(", ");
  return response;
}

/** Fill in the defaults of a handler's result. */
export function normalize(result) {
  return {
    status: result?.status ?? 200,
    headers: { ...(result?.headers ?? {}) },
    body: result?.body ?? "",
  };
}
