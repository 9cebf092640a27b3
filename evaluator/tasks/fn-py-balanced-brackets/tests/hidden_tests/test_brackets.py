import unittest

from brackets import first_error


class BracketsTest(unittest.TestCase):
    def test_balanced(self):
        for text in ["", "abc", "()", "([]{})", "f(a[1], {'k': ')'})", "{[()()]}[]", "if (x) { y[0] = 1; }"]:
            self.assertEqual(first_error(text), -1, text)

    def test_unexpected_closer(self):
        self.assertEqual(first_error("x)"), 1)
        self.assertEqual(first_error("(]"), 1)
        self.assertEqual(first_error("([)]"), 2)
        self.assertEqual(first_error("()}"), 2)
        self.assertEqual(first_error("{a}(b]c"), 5)

    def test_unclosed_reports_innermost(self):
        self.assertEqual(first_error("("), 0)
        self.assertEqual(first_error("(a[b"), 2)
        self.assertEqual(first_error("{ ( [ ] "), 2)
        self.assertEqual(first_error("(()"), 0)
        self.assertEqual(first_error("(()(("), 4)

    def test_closer_error_wins_if_it_comes_first(self):
        self.assertEqual(first_error("(]("), 1)

    def test_strings_are_skipped(self):
        self.assertEqual(first_error("'('"), -1)
        self.assertEqual(first_error('"[" + \')\''), -1)
        self.assertEqual(first_error('("it\'s")'), -1)
        self.assertEqual(first_error("('say \"hi)')"), -1)
        self.assertEqual(first_error('"a\\"b(" )'), 8)
        self.assertEqual(first_error("'a\\\\' )"), 6)
        self.assertEqual(first_error("(\"oops)"), 1)
        self.assertEqual(first_error("( 'x"), 2)
        self.assertEqual(first_error("'abc\\'"), 0)

    def test_backslash_outside_strings_is_plain(self):
        self.assertEqual(first_error("\\(x)"), -1)
        self.assertEqual(first_error("\\)"), 1)

    def test_long_input(self):
        self.assertEqual(first_error("(" * 5000 + ")" * 5000), -1)
        self.assertEqual(first_error("[" * 5000 + "]" * 4999), 0)

    def test_type_error(self):
        for bad in [None, 5, b"()"]:
            with self.assertRaises(TypeError):
                first_error(bad)


if __name__ == "__main__":
    unittest.main()
