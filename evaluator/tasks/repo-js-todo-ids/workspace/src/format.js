export function formatTodo(todo) {
  return `[${todo.done ? "x" : " "}] #${todo.id} ${todo.text}`;
}

export function formatList(todos) {
  return todos.length === 0 ? "(nothing to do)" : todos.map(formatTodo).join("\n");
}
