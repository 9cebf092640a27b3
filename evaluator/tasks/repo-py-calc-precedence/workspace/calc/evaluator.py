import math

from .errors import CalcError
from .parser import parse


def _sqrt(x):
    if x < 0:
        raise CalcError("sqrt of a negative number")
    return math.sqrt(x)


FUNCTIONS = {
    "abs": (abs, 1, 1),
    "sqrt": (_sqrt, 1, 1),
    "min": (min, 1, None),
    "max": (max, 1, None),
}


def evaluate(text, variables=None):
    return evaluate_ast(parse(text), variables or {})


def evaluate_ast(node, variables):
    kind = node[0]
    if kind == "num":
        return node[1]
    if kind == "var":
        if node[1] not in variables:
            raise CalcError(f"unknown variable {node[1]}")
        return variables[node[1]]
    if kind == "neg":
        return -evaluate_ast(node[1], variables)
    if kind == "call":
        name, args = node[1], [evaluate_ast(a, variables) for a in node[2]]
        if name not in FUNCTIONS:
            raise CalcError(f"unknown function {name}")
        fn, low, high = FUNCTIONS[name]
        if len(args) < low or (high is not None and len(args) > high):
            raise CalcError(f"wrong number of arguments for {name}: {len(args)}")
        return fn(*args)
    op, left, right = node[1], evaluate_ast(node[2], variables), evaluate_ast(node[3], variables)
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if op in "/%" and right == 0:
        raise CalcError("division by zero")
    if op == "/":
        return left / right
    if op == "%":
        return left % right
    if left == 0 and right < 0:
        raise CalcError("division by zero")
    return left ** right
