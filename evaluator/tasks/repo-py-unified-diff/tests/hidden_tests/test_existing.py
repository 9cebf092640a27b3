import unittest

from difflite import PatchError, apply_patch, diff_ops, group_hunks, unified_diff

TEN = [f"l{i}" for i in range(1, 11)]


class ExistingTest(unittest.TestCase):
    def test_diff_ops(self):
        self.assertEqual(diff_ops(["a", "b", "c"], ["a", "c", "d"]), [("equal", "a"), ("delete", "b"), ("equal", "c"), ("insert", "d")])
        self.assertEqual(diff_ops(["x"], ["y"]), [("delete", "x"), ("insert", "y")])
        self.assertEqual(diff_ops([], []), [])

    def test_identical_inputs(self):
        self.assertEqual(unified_diff(TEN, TEN), "")
        self.assertEqual(group_hunks(diff_ops(TEN, TEN)), [])
        with self.assertRaises(ValueError):
            group_hunks([], -1)

    def test_far_apart_changes_make_separate_hunks(self):
        new = list(TEN) + [f"l{i}" for i in range(11, 21)]
        old = list(new)
        old[1] = "old2"
        old[17] = "old18"
        self.assertEqual(
            unified_diff(old, new, "x", "y"),
            "--- x\n+++ y\n"
            "@@ -1,5 +1,5 @@\n l1\n-old2\n+l2\n l3\n l4\n l5\n"
            "@@ -15,6 +15,6 @@\n l15\n l16\n l17\n-old18\n+l18\n l19\n l20\n",
        )

    def test_apply_patch(self):
        text = unified_diff(["a", "b", "c"], ["a", "B", "c"])
        self.assertEqual(apply_patch(["a", "b", "c"], text), ["a", "B", "c"])
        with self.assertRaises(PatchError):
            apply_patch(["a", "x", "c"], text)
        with self.assertRaises(PatchError):
            apply_patch(["a"], "--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n garbage here\n")
        self.assertEqual(apply_patch(["a"], ""), ["a"])
