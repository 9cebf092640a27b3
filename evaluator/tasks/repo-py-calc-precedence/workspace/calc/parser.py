from .errors import CalcError
from .lexer import tokenize


class _Parser:
    def __init__(self, text):
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self):
        return self.tokens[self.i]

    def take(self):
        token = self.tokens[self.i]
        self.i += 1
        return token

    def accept(self, op):
        token = self.peek()
        if token.kind == "op" and token.value == op:
            self.i += 1
            return True
        return False

    def expect(self, op):
        token = self.peek()
        if not self.accept(op):
            raise CalcError(f"expected {op!r} at position {token.pos}")

    # expr := term (("+" | "-") term)*
    def expr(self):
        node = self.term()
        while self.peek().kind == "op" and self.peek().value in "+-":
            op = self.take().value
            node = ("bin", op, node, self.term())
        return node

    # term := power (("*" | "/" | "%") power)*
    def term(self):
        node = self.power()
        while self.peek().kind == "op" and self.peek().value in "*/%":
            op = self.take().value
            node = ("bin", op, node, self.power())
        return node

    # power := unary ("^" unary)*
    def power(self):
        node = self.unary()
        while self.accept("^"):
            node = ("bin", "^", node, self.unary())
        return node

    # unary := ("-" | "+") unary | primary
    def unary(self):
        if self.accept("-"):
            return ("neg", self.unary())
        if self.accept("+"):
            return self.unary()
        return self.primary()

    def primary(self):
        token = self.take()
        if token.kind == "num":
            return ("num", token.value)
        if token.kind == "name":
            if self.accept("("):
                args = []
                if not self.accept(")"):
                    args.append(self.expr())
                    while self.accept(","):
                        args.append(self.expr())
                    self.expect(")")
                return ("call", token.value, args)
            return ("var", token.value)
        if token.kind == "op" and token.value == "(":
            node = self.expr()
            self.expect(")")
            return node
        if token.kind == "end":
            raise CalcError("unexpected end of expression")
        raise CalcError(f"unexpected {token.value!r} at position {token.pos}")


def parse(text):
    return _Parser(text).expr()
