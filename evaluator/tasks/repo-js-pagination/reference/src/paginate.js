import { PaginationError } from "./errors.js";

export function paginate(items, { page = 1, perPage = 20 } = {}) {
  const total = items.length;
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  if (page > totalPages) throw new PaginationError(`page ${page} is after the last page (${totalPages})`);
  const start = (page - 1) * perPage;
  return {
    items: items.slice(start, start + perPage),
    page,
    perPage,
    total,
    totalPages,
    hasPrev: page > 1,
    hasNext: page < totalPages,
  };
}
