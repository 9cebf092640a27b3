function syntaxError(message, position) {
  const error = new SyntaxError(`${message} at position ${position}`);
  error.position = position;
  return error;
}

function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)/.exec(text.slice(i));
    if (number) {
      tokens.push({ type: "num", value: Number(number[0]), pos: i });
      i += number[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name) {
      tokens.push({ type: "name", value: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    if ("+-*/%^(),".includes(c)) {
      tokens.push({ type: c, pos: i });
      i++;
      continue;
    }
    throw syntaxError(`unexpected character ${JSON.stringify(c)}`, i);
  }
  tokens.push({ type: "end", pos: text.length });
  return tokens;
}

// Parses to a tree of closures so evaluation happens only after the whole input parsed.
function parse(text) {
  const tokens = tokenize(text);
  let k = 0;
  const peek = () => tokens[k];
  const expect = (type) => {
    const t = tokens[k];
    if (t.type !== type) throw syntaxError(`expected ${type}`, t.pos);
    k++;
    return t;
  };

  function additive() {
    let left = multiplicative();
    while (peek().type === "+" || peek().type === "-") {
      const op = tokens[k++].type;
      const right = multiplicative();
      const l = left;
      left = op === "+" ? (env) => l(env) + right(env) : (env) => l(env) - right(env);
    }
    return left;
  }

  function multiplicative() {
    let left = unary();
    while (["*", "/", "%"].includes(peek().type)) {
      const op = tokens[k++].type;
      const right = unary();
      const l = left;
      left = (env) => {
        const a = l(env);
        const b = right(env);
        if (op === "*") return a * b;
        if (b === 0) throw new RangeError("division by zero");
        return op === "/" ? a / b : a % b;
      };
    }
    return left;
  }

  function unary() {
    const t = peek();
    if (t.type === "-" || t.type === "+") {
      k++;
      const operand = unary();
      return t.type === "-" ? (env) => -operand(env) : operand;
    }
    return power();
  }

  function power() {
    const base = primary();
    if (peek().type === "^") {
      k++;
      const exponent = unary();
      return (env) => base(env) ** exponent(env);
    }
    return base;
  }

  function primary() {
    const t = tokens[k];
    if (t.type === "num") {
      k++;
      return () => t.value;
    }
    if (t.type === "(") {
      k++;
      const inner = additive();
      expect(")");
      return inner;
    }
    if (t.type === "name") {
      k++;
      if (peek().type === "(") {
        k++;
        const args = [];
        if (peek().type !== ")") {
          args.push(additive());
          while (peek().type === ",") {
            k++;
            args.push(additive());
          }
        }
        expect(")");
        return (env) => call(t.value, args.map((arg) => arg(env)));
      }
      return (env) => {
        if (!Object.hasOwn(env, t.value)) throw new ReferenceError(`unknown variable ${t.value}`);
        return env[t.value];
      };
    }
    throw syntaxError(t.type === "end" ? "unexpected end of input" : `unexpected ${t.type}`, t.pos);
  }

  const tree = additive();
  if (peek().type !== "end") throw syntaxError(`unexpected ${peek().type}`, peek().pos);
  return tree;
}

function call(name, args) {
  const one = () => {
    if (args.length !== 1) throw new RangeError(`${name} takes exactly one argument`);
    return args[0];
  };
  switch (name) {
    case "min":
    case "max":
      if (args.length === 0) throw new RangeError(`${name} needs at least one argument`);
      return name === "min" ? Math.min(...args) : Math.max(...args);
    case "abs":
      return Math.abs(one());
    case "floor":
      return Math.floor(one());
    case "sqrt": {
      const x = one();
      if (x < 0) throw new RangeError("sqrt of a negative number");
      return Math.sqrt(x);
    }
    default:
      throw new ReferenceError(`unknown function ${name}`);
  }
}

export function evaluate(expression, variables = {}) {
  return parse(expression)(variables);
}
