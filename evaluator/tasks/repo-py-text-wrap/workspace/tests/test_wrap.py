import unittest

from typeset import wrap


class WrapTest(unittest.TestCase):
    def test_readme(self):
        self.assertEqual(
            wrap("The quick brown fox jumps over the lazy dog", 10),
            ["The quick", "brown fox", "jumps over", "the lazy", "dog"],
        )
