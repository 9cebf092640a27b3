import unittest

from calc import CalcError, evaluate, parse


class PowerTest(unittest.TestCase):
    def test_power_is_right_associative(self):
        self.assertEqual(evaluate("2 ^ 3 ^ 2"), 512)
        self.assertEqual(evaluate("2^2^3"), 256)
        self.assertEqual(evaluate("(2 ^ 3) ^ 2"), 64)
        self.assertEqual(parse("a^b^c"), ("bin", "^", ("var", "a"), ("bin", "^", ("var", "b"), ("var", "c"))))

    def test_unary_minus_binds_looser_than_power(self):
        self.assertEqual(evaluate("-2 ^ 2"), -4)
        self.assertEqual(evaluate("(-2) ^ 2"), 4)
        self.assertEqual(evaluate("--2^2"), 4)
        self.assertEqual(evaluate("3 - -2^2"), 7)
        self.assertEqual(evaluate("-x^2", {"x": 3}), -9)
        self.assertEqual(parse("-2^2"), ("neg", ("bin", "^", ("num", 2), ("num", 2))))

    def test_unary_minus_in_the_exponent(self):
        self.assertEqual(evaluate("2 ^ -1"), 0.5)
        self.assertEqual(evaluate("2 ^ -1 ^ 2"), 0.5)
        self.assertEqual(evaluate("10 ^ -2 * 3"), 0.03)
        self.assertEqual(parse("2^-x"), ("bin", "^", ("num", 2), ("neg", ("var", "x"))))

    def test_power_binds_tighter_than_multiplication(self):
        self.assertEqual(evaluate("2 * 3 ^ 2"), 18)
        self.assertEqual(evaluate("-3 * 2 ^ 2 + 1"), -11)
        self.assertEqual(evaluate("max(2, 3) ^ 2 ^ 0"), 3)


class TrailingInputTest(unittest.TestCase):
    def test_leftover_tokens_are_errors(self):
        for text, pos, token in (("1 2", 2, 2), ("(1 + 2) 3", 8, 3), ("1 2.5", 2, 2.5), ("2 ^ 3 )", 6, ")"), ("x y", 2, "y")):
            with self.assertRaises(CalcError, msg=text) as ctx:
                evaluate(text, {"x": 1, "y": 2})
            self.assertEqual(str(ctx.exception), f"unexpected {token!r} at position {pos}")

    def test_leftover_tokens_in_parse(self):
        with self.assertRaises(CalcError):
            parse("1 + 2 3")
