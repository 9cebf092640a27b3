import re


class LispError(Exception):
    pass


class Symbol(str):
    pass


class Env(dict):
    def __init__(self, names=(), values=(), outer=None):
        super().__init__(zip(names, values))
        self.outer = outer

    def find(self, name):
        env = self
        while env is not None:
            if name in env:
                return env
            env = env.outer
        raise LispError(f"unbound symbol {name}")


class Lambda:
    def __init__(self, params, body, env):
        self.params, self.body, self.env = params, body, env

    def bind(self, args):
        if len(args) != len(self.params):
            raise LispError(f"expected {len(self.params)} arguments, got {len(args)}")
        return Env(self.params, args, self.env)


def tokenize(source):
    source = re.sub(r";[^\n]*", " ", source)
    return source.replace("(", " ( ").replace(")", " ) ").split()


def read_all(tokens):
    out = []
    pos = 0

    def read():
        nonlocal pos
        token = tokens[pos]
        pos += 1
        if token == "(":
            items = []
            while True:
                if pos >= len(tokens):
                    raise LispError("missing )")
                if tokens[pos] == ")":
                    pos += 1
                    return items
                items.append(read())
        if token == ")":
            raise LispError("unexpected )")
        if re.fullmatch(r"-?\d+", token):
            return int(token)
        if token == "#t":
            return True
        if token == "#f":
            return False
        return Symbol(token)

    while pos < len(tokens):
        out.append(read())
    return out


def _ints(name, args):
    for a in args:
        if isinstance(a, bool) or not isinstance(a, int):
            raise LispError(f"{name} expects integers, got {a!r}")
    return args


def _arity(name, args, n):
    if len(args) != n:
        raise LispError(f"{name} takes {n} argument(s), got {len(args)}")


def _compare(name, op):
    def f(*args):
        _ints(name, args)
        if len(args) < 2:
            raise LispError(f"{name} needs at least two arguments")
        return all(op(a, b) for a, b in zip(args, args[1:]))
    return f


def _minus(*args):
    _ints("-", args)
    if not args:
        raise LispError("- needs at least one argument")
    return -args[0] if len(args) == 1 else args[0] - sum(args[1:])


def _division(name, op):
    def f(*args):
        _arity(name, args, 2)
        _ints(name, args)
        if args[1] == 0:
            raise LispError("division by zero")
        return op(args[0], args[1])
    return f


def _product(*args):
    result = 1
    for a in _ints("*", args):
        result *= a
    return result


def _list_arg(name, value, non_empty=False):
    if not isinstance(value, list) or (non_empty and not value):
        raise LispError(f"{name} expects a {'non-empty ' if non_empty else ''}list")
    return value


def _one(name, f):
    def g(*args):
        _arity(name, args, 1)
        return f(args[0])
    return g


def global_env():
    env = Env()
    env.update({
        "+": lambda *a: sum(_ints("+", a)),
        "*": _product,
        "-": _minus,
        "div": _division("div", lambda a, b: a // b),
        "mod": _division("mod", lambda a, b: a % b),
        "=": _compare("=", lambda a, b: a == b),
        "<": _compare("<", lambda a, b: a < b),
        ">": _compare(">", lambda a, b: a > b),
        "<=": _compare("<=", lambda a, b: a <= b),
        ">=": _compare(">=", lambda a, b: a >= b),
        "not": _one("not", lambda x: x is False),
        "list": lambda *a: list(a),
        "cons": lambda *a: (_arity("cons", a, 2), [a[0]] + _list_arg("cons", a[1]))[1],
        "car": _one("car", lambda x: _list_arg("car", x, True)[0]),
        "cdr": _one("cdr", lambda x: _list_arg("cdr", x, True)[1:]),
        "null?": _one("null?", lambda x: x == [] and isinstance(x, list)),
        "length": _one("length", lambda x: len(_list_arg("length", x))),
    })
    return env


def _check_params(params):
    if not isinstance(params, list) or not all(isinstance(p, Symbol) for p in params):
        raise LispError("parameters must be a list of symbols")
    return params


def _eval(x, env):
    while True:
        if isinstance(x, Symbol):
            return env.find(x)[x]
        if not isinstance(x, list):
            return x
        if not x:
            raise LispError("cannot evaluate ()")
        head = x[0]
        if head == "define" and isinstance(head, Symbol):
            if len(x) < 3:
                raise LispError("bad define")
            if isinstance(x[1], list):
                name, *params = x[1]
                env[name] = Lambda(_check_params(params), x[2:], env)
            else:
                if len(x) != 3 or not isinstance(x[1], Symbol):
                    raise LispError("bad define")
                env[x[1]] = _eval(x[2], env)
            return None
        if head == "lambda" and isinstance(head, Symbol):
            if len(x) < 3:
                raise LispError("bad lambda")
            return Lambda(_check_params(x[1]), x[2:], env)
        if head == "if" and isinstance(head, Symbol):
            if len(x) != 4:
                raise LispError("if needs a test, a then and an else")
            x = x[2] if _eval(x[1], env) is not False else x[3]
            continue
        if head == "begin" and isinstance(head, Symbol):
            if len(x) < 2:
                raise LispError("empty begin")
            for e in x[1:-1]:
                _eval(e, env)
            x = x[-1]
            continue
        if head == "let" and isinstance(head, Symbol):
            if len(x) < 3 or not isinstance(x[1], list):
                raise LispError("bad let")
            names, values = [], []
            for binding in x[1]:
                if not isinstance(binding, list) or len(binding) != 2 or not isinstance(binding[0], Symbol):
                    raise LispError("bad let binding")
                names.append(binding[0])
                values.append(_eval(binding[1], env))
            env = Env(names, values, env)
            for e in x[2:-1]:
                _eval(e, env)
            x = x[-1]
            continue
        if head == "set!" and isinstance(head, Symbol):
            if len(x) != 3 or not isinstance(x[1], Symbol):
                raise LispError("bad set!")
            target = env.find(x[1])
            target[x[1]] = _eval(x[2], env)
            return None
        if head in ("and", "or") and isinstance(head, Symbol):
            if len(x) == 1:
                return head == "and"
            stop = False
            for e in x[1:-1]:
                value = _eval(e, env)
                if (value is False) == (head == "and"):
                    return value
            x = x[-1]
            continue
        proc = _eval(head, env)
        args = [_eval(a, env) for a in x[1:]]
        if isinstance(proc, Lambda):
            env = proc.bind(args)
            for e in proc.body[:-1]:
                _eval(e, env)
            x = proc.body[-1]
            continue
        if callable(proc):
            return proc(*args)
        raise LispError(f"{proc!r} is not a procedure")


def evaluate(source):
    if not isinstance(source, str):
        raise TypeError("source must be a str")
    env = global_env()
    result = None
    try:
        for expression in read_all(tokenize(source)):
            result = _eval(expression, env)
    except RecursionError:
        raise LispError("recursion too deep") from None
    return result
