function pageUrl(baseUrl, page, perPage) {
  const separator = baseUrl.includes("?") ? "&" : "?";
  return `${baseUrl}${separator}page=${page}&per_page=${perPage}`;
}

export function buildLinks(baseUrl, meta) {
  const { page, perPage, totalPages } = meta;
  return {
    first: pageUrl(baseUrl, 1, perPage),
    prev: meta.hasPrev ? pageUrl(baseUrl, page - 1, perPage) : null,
    next: meta.hasNext ? pageUrl(baseUrl, page + 1, perPage) : null,
    last: pageUrl(baseUrl, totalPages - 1, perPage),
  };
}
