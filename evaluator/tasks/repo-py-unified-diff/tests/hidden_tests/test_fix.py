import unittest

from difflite import Hunk, apply_patch, diff_ops, format_range, group_hunks, unified_diff

TEN = [f"l{i}" for i in range(1, 11)]


def changed(lines, index, text):
    out = list(lines)
    out[index] = text
    return out


class RangeFormatTest(unittest.TestCase):
    def test_count_of_one_is_omitted(self):
        self.assertEqual(format_range(5, 1), "5")
        self.assertEqual(format_range(5, 2), "5,2")
        self.assertEqual(format_range(0, 0), "0,0")
        self.assertEqual(unified_diff(["x"], ["y"]), "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n")

    def test_empty_ranges_start_at_the_line_before(self):
        self.assertEqual(unified_diff([], ["new"]), "--- a\n+++ b\n@@ -0,0 +1 @@\n+new\n")
        self.assertEqual(unified_diff(["gone"], []), "--- a\n+++ b\n@@ -1 +0,0 @@\n-gone\n")
        self.assertEqual(
            unified_diff(["a", "b", "c", "d"], ["a", "b", "X", "Y", "c", "d"], context=0),
            "--- a\n+++ b\n@@ -2,0 +3,2 @@\n+X\n+Y\n",
        )
        self.assertEqual(unified_diff(["a", "b", "c"], ["a", "c"], context=0), "--- a\n+++ b\n@@ -2 +1,0 @@\n-b\n")
        self.assertEqual(group_hunks(diff_ops([], ["z"]), 3), [Hunk(0, 0, 1, 1, [("insert", "z")])])


class MergeTest(unittest.TestCase):
    def test_changes_with_overlapping_context_share_a_hunk(self):
        new = changed(changed(TEN, 1, "L2"), 6, "L7")
        self.assertEqual(
            unified_diff(TEN, new),
            "--- a\n+++ b\n@@ -1,10 +1,10 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n l6\n-l7\n+L7\n l8\n l9\n l10\n",
        )

    def test_exactly_two_contexts_apart_are_merged_one_more_is_not(self):
        merged = group_hunks(diff_ops(TEN, changed(changed(TEN, 0, "X"), 7, "Y")), 3)
        self.assertEqual(len(merged), 1)
        self.assertEqual(merged[0][:4], (1, 10, 1, 10))
        split = group_hunks(diff_ops(TEN, changed(changed(TEN, 0, "X"), 8, "Y")), 3)
        self.assertEqual([h[:4] for h in split], [(1, 4, 1, 4), (6, 5, 6, 5)])

    def test_context_zero_and_one(self):
        new = changed(changed(TEN, 2, "C"), 4, "E")
        self.assertEqual([h[:4] for h in group_hunks(diff_ops(TEN, new), 0)], [(3, 1, 3, 1), (5, 1, 5, 1)])
        self.assertEqual([h[:4] for h in group_hunks(diff_ops(TEN, new), 1)], [(2, 5, 2, 5)])
        adjacent = changed(changed(TEN, 2, "C"), 3, "D")
        self.assertEqual([h[:4] for h in group_hunks(diff_ops(TEN, adjacent), 0)], [(3, 2, 3, 2)])


class RoundTripTest(unittest.TestCase):
    CASES = [
        (TEN, changed(changed(TEN, 1, "L2"), 6, "L7")),
        ([], ["a", "b"]),
        (["a", "b"], []),
        (["a", "b", "c", "d"], ["a", "b", "X", "Y", "c", "d"]),
        (TEN, TEN[:3] + ["new"] + TEN[3:8]),
        (TEN, ["top"] + TEN + ["bottom"]),
        (["x"] * 5 + ["y"], ["y"] + ["x"] * 5),
    ]

    def test_apply_inverts_diff_for_every_context(self):
        for old, new in self.CASES:
            for context in (0, 1, 3):
                text = unified_diff(old, new, context=context)
                self.assertEqual(apply_patch(old, text), new, f"{old} -> {new} with context {context}:\n{text}")
