export { run } from "./commands.js";
export { TodoError } from "./errors.js";
export { formatList, formatTodo } from "./format.js";
export { TodoStore } from "./store.js";
