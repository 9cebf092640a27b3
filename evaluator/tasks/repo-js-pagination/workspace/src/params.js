import { PaginationError } from "./errors.js";

export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 100;

function positiveInt(name, raw, fallback) {
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new PaginationError(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

export function parsePageParams(query = {}) {
  const page = positiveInt("page", query.page, 1);
  const perPage = Math.min(positiveInt("per_page", query.per_page, DEFAULT_PER_PAGE), MAX_PER_PAGE);
  return { page, perPage };
}
