import unittest

from calc import evaluate


class CalcTest(unittest.TestCase):
    def test_basics(self):
        self.assertEqual(evaluate("2 * (3 + 4)"), 14)
        self.assertEqual(evaluate("10 - 4 - 3"), 3)
