import re

DIV0, VALUE, NAME, SYNTAX, CYCLE = "#DIV/0!", "#VALUE!", "#NAME?", "#SYNTAX!", "#CYCLE!"
ERRORS = {DIV0, VALUE, NAME, SYNTAX, CYCLE}
_KEY = re.compile(r"[A-Z]{1,3}[1-9][0-9]*")
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([1-9][0-9]*)")
_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|(\$?[A-Za-z][A-Za-z0-9]*(?:\$[0-9]+)?)|(.))")
FUNCTIONS = {"SUM", "MIN", "MAX", "AVG"}


class _Error(Exception):
    pass


class _Err:
    """An error value inside formula evaluation (never confused with text)."""

    def __init__(self, code):
        self.code = code


def _col(label):
    n = 0
    for ch in label:
        n = n * 26 + ord(ch) - 64
    return n


def _label(n):
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _canon(token):
    m = _REF.fullmatch(token)
    return None if not m else m.group(1).upper() + m.group(2)


def _tokenize(text):
    tokens = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m.group(1):
            tokens.append(("num", m.group(1)))
        elif m.group(2):
            tokens.append(("name", m.group(2)))
        elif m.group(3):
            if m.group(3) not in "+-*/(),:":
                raise _Error()
            tokens.append((m.group(3), m.group(3)))
        pos = m.end()
    tokens.append(("end", ""))
    return tokens


def _parse(text):
    tokens = _tokenize(text)
    pos = 0
    refs = []

    def peek():
        return tokens[pos][0]

    def take(kind):
        nonlocal pos
        if tokens[pos][0] != kind:
            raise _Error()
        pos += 1
        return tokens[pos - 1][1]

    def expr():
        nonlocal pos
        node = term()
        while peek() in "+-" and peek() != "end":
            op = take(peek())
            node = ("bin", op, node, term())
        return node

    def term():
        node = unary()
        while peek() in ("*", "/"):
            op = take(peek())
            node = ("bin", op, node, unary())
        return node

    def unary():
        if peek() == "-":
            take("-")
            return ("neg", unary())
        return primary()

    def primary():
        kind = peek()
        if kind == "num":
            text = take("num")
            return ("num", float(text) if "." in text else int(text))
        if kind == "(":
            take("(")
            node = expr()
            take(")")
            return node
        if kind == "name":
            name = take("name")
            if peek() == "(":
                take("(")
                args = [argument()]
                while peek() == ",":
                    take(",")
                    args.append(argument())
                take(")")
                return ("call", name.upper(), args)
            ref = _canon(name)
            if ref is None:
                return ("name", name)
            refs.append(ref)
            return ("ref", ref)
        raise _Error()

    def argument():
        nonlocal pos
        if peek() == "name" and tokens[pos + 1][0] == ":":
            first = _canon(take("name"))
            take(":")
            second = _canon(take("name")) if peek() == "name" else None
            if first is None or second is None:
                raise _Error()
            cells = _range_cells(first, second)
            refs.extend(cells)
            return ("range", cells)
        return expr()

    tree = expr()
    take("end")
    return tree, refs


def _split(ref):
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    return int(m.group(2)), _col(m.group(1))


def _range_cells(a, b):
    (r1, c1), (r2, c2) = _split(a), _split(b)
    rows = range(min(r1, r2), max(r1, r2) + 1)
    cols = range(min(c1, c2), max(c1, c2) + 1)
    return [f"{_label(c)}{r}" for r in rows for c in cols]


def _plain(text):
    if text == "":
        return None
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if re.fullmatch(r"-?\d+\.\d+", text):
        return float(text)
    return text


def _divide(a, b):
    if b == 0:
        return _Err(DIV0)
    if isinstance(a, int) and isinstance(b, int) and a % b == 0:
        return a // b
    return a / b


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _eval(node, values):
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "name":
        return _Err(NAME)
    if kind == "ref":
        v = values.get(node[1])
        if v is None:
            return 0
        if isinstance(v, _Err) or _is_number(v):
            return v
        return _Err(VALUE)
    if kind == "neg":
        v = _eval(node[1], values)
        return v if isinstance(v, _Err) else -v
    if kind == "bin":
        a = _eval(node[2], values)
        b = _eval(node[3], values)
        for v in (a, b):
            if isinstance(v, _Err):
                return v
        op = node[1]
        if op == "+":
            return a + b
        if op == "-":
            return a - b
        if op == "*":
            return a * b
        return _divide(a, b)
    # call
    name, args = node[1], node[2]
    numbers = []
    for arg in args:
        if arg[0] == "range":
            for cell in arg[1]:
                v = values.get(cell)
                if isinstance(v, _Err):
                    return v
                if _is_number(v):
                    numbers.append(v)
        else:
            v = _eval(arg, values)
            if isinstance(v, _Err):
                return v
            numbers.append(v)
    if name not in FUNCTIONS:
        return _Err(NAME)
    if name == "SUM":
        return sum(numbers)
    if name == "MIN":
        return min(numbers) if numbers else 0
    if name == "MAX":
        return max(numbers) if numbers else 0
    return _divide(sum(numbers), len(numbers)) if numbers else _Err(DIV0)


def _cyclic_cells(deps):
    """Cells on a cycle: Tarjan's strongly connected components, iteratively."""
    index, low, on_stack, stack, cyclic = {}, {}, set(), [], set()
    counter = 0
    for root in deps:
        if root in index:
            continue
        work = [(root, iter(deps.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in deps:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(deps.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in deps.get(node, ()):
                    cyclic.update(component)
    return cyclic


def evaluate_sheet(cells):
    if not isinstance(cells, dict):
        raise TypeError("cells must be a dict")
    trees = {}
    deps = {}
    values = {}
    for key, content in cells.items():
        if not isinstance(key, str) or not _KEY.fullmatch(key):
            raise ValueError(f"bad cell name {key!r}")
        if not isinstance(content, str):
            raise TypeError(f"content of {key} must be a str")
        if content.startswith("="):
            try:
                trees[key], refs = _parse(content[1:])
                deps[key] = set(refs)
            except (_Error, IndexError):
                values[key] = _Err(SYNTAX)
                deps[key] = set()
        else:
            values[key] = _plain(content)
            deps[key] = set()
    for key in _cyclic_cells(deps):
        values[key] = _Err(CYCLE)
    # evaluate formulas in dependency order (iterative post-order DFS)
    for root in trees:
        if root in values:
            continue
        work = [(root, False)]
        while work:
            node, ready = work.pop()
            if node in values or node not in trees:
                continue
            if ready:
                values[node] = _eval(trees[node], values)
                continue
            work.append((node, True))
            for dep in deps[node]:
                if dep not in values and dep in trees:
                    work.append((dep, False))
    return {key: (v.code if isinstance(v, _Err) else v) for key, v in ((k, values[k]) for k in cells)}
