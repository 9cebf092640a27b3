import { TodoError } from "./errors.js";
import { formatList } from "./format.js";

function parseId(text) {
  if (!/^[1-9]\d*$/.test(text ?? "")) throw new TodoError(`invalid id: ${text}`);
  return Number(text);
}

export function run(store, argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case "add": {
      const todo = store.add(rest.join(" "));
      return `added #${todo.id} ${todo.text}`;
    }
    case "done": {
      const id = parseId(rest[0]);
      store.setDone(id, true);
      return `completed #${id}`;
    }
    case "undo": {
      const id = parseId(rest[0]);
      store.setDone(id, false);
      return `reopened #${id}`;
    }
    case "rm": {
      const id = parseId(rest[0]);
      store.remove(id);
      return `removed #${id}`;
    }
    case "list": {
      const flag = rest[0];
      const filter = flag === undefined ? "open" : flag === "--all" ? "all" : flag === "--done" ? "done" : null;
      if (filter === null) throw new TodoError(`unknown list option ${flag}`);
      return formatList(store.list(filter));
    }
    default:
      throw new TodoError(`unknown command ${command}`);
  }
}
