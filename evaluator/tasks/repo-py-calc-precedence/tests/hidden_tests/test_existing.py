import unittest

from calc import CalcError, evaluate, parse, tokenize


class ExistingTest(unittest.TestCase):
    def test_arithmetic(self):
        self.assertEqual(evaluate("1 + 2 * 3"), 7)
        self.assertEqual(evaluate("(1 + 2) * 3"), 9)
        self.assertEqual(evaluate("10 - 4 - 3"), 3)
        self.assertEqual(evaluate("100 / 10 / 5"), 2.0)
        self.assertEqual(evaluate("7 % 4 * 2"), 6)
        self.assertEqual(evaluate(".5 + 1.5"), 2.0)
        self.assertEqual(evaluate("-3 + +4"), 1)
        self.assertEqual(evaluate("2 ^ 10"), 1024)
        self.assertEqual(evaluate("price * (1 + rate)", {"price": 200, "rate": 0.25}), 250.0)

    def test_functions(self):
        self.assertEqual(evaluate("max(1, 2 ^ 3, 5) % 3"), 2)
        self.assertEqual(evaluate("min(4, -2) + abs(-3)"), 1)
        self.assertEqual(evaluate("sqrt(16)"), 4.0)
        for bad in ("sqrt(-1)", "abs(1, 2)", "max()", "nope(1)", "unknown + 1", "1 / 0", "5 % 0", "0 ^ -1"):
            with self.assertRaises(CalcError, msg=bad):
                evaluate(bad)

    def test_syntax_errors(self):
        for bad in ("", "1 +", "(1 + 2", "1 + * 2", "2 $ 3", "max(1,", ")"):
            with self.assertRaises(CalcError, msg=bad):
                evaluate(bad)

    def test_ast_and_tokens(self):
        self.assertEqual(parse("1 + x"), ("bin", "+", ("num", 1), ("var", "x")))
        self.assertEqual(parse("f(1, 2)"), ("call", "f", [("num", 1), ("num", 2)]))
        self.assertEqual(parse("-(a)"), ("neg", ("var", "a")))
        self.assertEqual(parse("a - b - c"), ("bin", "-", ("bin", "-", ("var", "a"), ("var", "b")), ("var", "c")))
        self.assertEqual([t.kind for t in tokenize("a+1.5")], ["name", "op", "num", "end"])
        self.assertEqual(tokenize(" 12")[0].pos, 1)
