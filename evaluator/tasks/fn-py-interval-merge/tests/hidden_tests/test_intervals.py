import unittest

from intervals import merge_intervals, total_covered


class MergeTest(unittest.TestCase):
    def test_example(self):
        self.assertEqual(merge_intervals([(5, 7), (1, 3), (2, 4), (7, 8), (10, 10)]), [(1, 4), (5, 8), (10, 10)])

    def test_empty_and_single(self):
        self.assertEqual(merge_intervals([]), [])
        self.assertEqual(merge_intervals(()), [])
        self.assertEqual(merge_intervals([(2, 3)]), [(2, 3)])

    def test_lists_become_tuples(self):
        result = merge_intervals([[1, 2], [4, 6]])
        self.assertEqual(result, [(1, 2), (4, 6)])
        self.assertTrue(all(type(r) is tuple for r in result))

    def test_touching_and_contained(self):
        self.assertEqual(merge_intervals([(1, 2), (2, 5)]), [(1, 5)])
        self.assertEqual(merge_intervals([(1, 10), (2, 3), (4, 5)]), [(1, 10)])
        self.assertEqual(merge_intervals([(1, 2), (3, 4)]), [(1, 2), (3, 4)])
        self.assertEqual(merge_intervals([(3, 3), (3, 4)]), [(3, 4)])
        self.assertEqual(merge_intervals([(3, 3), (3, 3)]), [(3, 3)])
        self.assertEqual(merge_intervals([(5, 6), (1, 5)]), [(1, 6)])
        self.assertEqual(merge_intervals([(0, 1), (4, 4), (2, 3)]), [(0, 1), (2, 3), (4, 4)])

    def test_negative_and_float(self):
        self.assertEqual(merge_intervals([(-5, -1), (-2, 0.5), (0.75, 1.0)]), [(-5, 0.5), (0.75, 1.0)])

    def test_input_not_modified(self):
        data = [[5, 7], [1, 3], [2, 4]]
        merge_intervals(data)
        self.assertEqual(data, [[5, 7], [1, 3], [2, 4]])

    def test_many(self):
        data = [(i, i + 1) for i in range(0, 2000, 2)] + [(i + 1, i + 2) for i in range(0, 2000, 4)]
        self.assertEqual(merge_intervals(data)[0], (0, 3))
        self.assertEqual(merge_intervals(data)[-1], (1996, 1999))
        self.assertEqual(len(merge_intervals(data)), 500)

    def test_errors(self):
        for bad in [None, "ab", 5, {(1, 2)}]:
            with self.assertRaises(TypeError):
                merge_intervals(bad)
        for bad in [[(1,)], [(1, 2, 3)], [5], [("a", 2)], [(True, 2)], [(1, None)]]:
            with self.assertRaises(TypeError, msg=repr(bad)):
                merge_intervals(bad)
        for bad in [[(3, 1)], [(0, float("nan"))]]:
            with self.assertRaises(ValueError):
                merge_intervals(bad)


class TotalTest(unittest.TestCase):
    def test_total(self):
        self.assertEqual(total_covered([(1, 3), (2, 6)]), 5)
        self.assertEqual(total_covered([]), 0)
        self.assertEqual(total_covered([(1, 2), (5, 5), (7, 10)]), 4)
        self.assertEqual(total_covered([(0, 10), (2, 3)]), 10)
        self.assertAlmostEqual(total_covered([(0.5, 1.0), (0.75, 2.0)]), 1.5)
        with self.assertRaises(ValueError):
            total_covered([(2, 1)])


if __name__ == "__main__":
    unittest.main()
