import unittest

from difflite import apply_patch, unified_diff


class DiffTest(unittest.TestCase):
    def test_readme(self):
        text = unified_diff(["a", "b", "c"], ["a", "B", "c"], "old.txt", "new.txt")
        self.assertEqual(text, "--- old.txt\n+++ new.txt\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n")
        self.assertEqual(apply_patch(["a", "b", "c"], text), ["a", "B", "c"])
