export { PaginationError } from "./errors.js";
export { buildLinks } from "./links.js";
export { paginate } from "./paginate.js";
export { DEFAULT_PER_PAGE, MAX_PER_PAGE, parsePageParams } from "./params.js";
