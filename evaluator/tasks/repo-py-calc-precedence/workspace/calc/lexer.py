import re
from collections import namedtuple

from .errors import CalcError

Token = namedtuple("Token", "kind value pos")

_TOKEN = re.compile(r"\s*(?:(\d+\.\d*|\.\d+|\d+)|([A-Za-z_]\w*)|(.))")
OPERATORS = set("+-*/%^(),")


def tokenize(text):
    """Return a list of tokens ending with an ("end", None, len(text)) token."""
    tokens = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match.end() == pos or (match.group(0).strip() == ""):
            break
        number, name, op = match.groups()
        start = match.start(match.lastindex)
        if number is not None:
            value = float(number) if "." in number else int(number)
            tokens.append(Token("num", value, start))
        elif name is not None:
            tokens.append(Token("name", name, start))
        elif op in OPERATORS:
            tokens.append(Token("op", op, start))
        else:
            raise CalcError(f"unexpected character {op!r} at position {start}")
        pos = match.end()
    tokens.append(Token("end", None, len(text)))
    return tokens
