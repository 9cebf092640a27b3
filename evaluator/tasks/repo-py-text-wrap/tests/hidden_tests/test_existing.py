import unittest

from typeset import center, fill, justify, wrap


class ExistingTest(unittest.TestCase):
    def test_wrap(self):
        self.assertEqual(wrap("", 5), [])
        self.assertEqual(wrap("   \n\t ", 5), [])
        self.assertEqual(wrap("one  two\tthree\nfour", 9), ["one two", "three", "four"])
        self.assertEqual(wrap("exactly ten", 11), ["exactly ten"])
        self.assertEqual(wrap("ab cd", 5), ["ab cd"])
        for bad in (0, -1, 2.5, "3", True):
            with self.assertRaises(ValueError):
                wrap("x", bad)

    def test_justify_basics(self):
        self.assertEqual(justify([], 5), [])
        self.assertEqual(justify(["full width", "x"], 10), ["full width", "x"])
        with self.assertRaises(ValueError):
            justify(["too long line"], 5)

    def test_layout(self):
        self.assertEqual(fill("para one\n\n\npara two words", 8), "para one\n\npara two\nwords")
        self.assertEqual(center("title", 11), "   title   ")
        self.assertEqual(center("ab", 5), " ab  ")
        self.assertEqual(center("toolong", 3), "toolong")
