from .errors import CalcError
from .evaluator import evaluate, evaluate_ast
from .lexer import tokenize
from .parser import parse

__all__ = ["CalcError", "evaluate", "evaluate_ast", "parse", "tokenize"]
