export function splitWords(identifier) {
  throw new Error("not implemented");
}

export function toCamel(identifier) {
  throw new Error("not implemented");
}

export function toPascal(identifier) {
  throw new Error("not implemented");
}

export function toSnake(identifier) {
  throw new Error("not implemented");
}

export function toKebab(identifier) {
  throw new Error("not implemented");
}

export function toConstant(identifier) {
  throw new Error("not implemented");
}
