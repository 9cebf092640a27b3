import unittest

from cells import column_index, column_label, expand_range, parse_cell


class ColumnTest(unittest.TestCase):
    def test_known(self):
        known = {"A": 1, "B": 2, "Z": 26, "AA": 27, "AB": 28, "AZ": 52, "BA": 53, "ZZ": 702, "AAA": 703, "XFD": 16384}
        for label, index in known.items():
            self.assertEqual(column_index(label), index, label)
            self.assertEqual(column_label(index), label, index)

    def test_round_trip(self):
        for i in range(1, 20000):
            self.assertEqual(column_index(column_label(i)), i)

    def test_errors(self):
        for bad in ["", "a", "A1", "Ä", " A", "A-"]:
            with self.assertRaises(ValueError, msg=repr(bad)):
                column_index(bad)
        with self.assertRaises(TypeError):
            column_index(1)
        for bad in [0, -3]:
            with self.assertRaises(ValueError):
                column_label(bad)
        for bad in [1.0, "1", True, None]:
            with self.assertRaises(TypeError):
                column_label(bad)


class CellTest(unittest.TestCase):
    def test_parse(self):
        self.assertEqual(parse_cell("B12"), (12, 2))
        self.assertEqual(parse_cell("A1"), (1, 1))
        self.assertEqual(parse_cell("$B$12"), (12, 2))
        self.assertEqual(parse_cell("B$12"), (12, 2))
        self.assertEqual(parse_cell("$B12"), (12, 2))
        self.assertEqual(parse_cell("b12"), (12, 2))
        self.assertEqual(parse_cell("aA100"), (100, 27))
        self.assertEqual(parse_cell("XFD1048576"), (1048576, 16384))

    def test_parse_errors(self):
        for bad in ["", "A", "12", "A0", "A01", "1A", "A 1", " A1", "A1 ", "$$A1", "A$$1", "A1$", "A-1", "Ä1", "A1B"]:
            with self.assertRaises(ValueError, msg=repr(bad)):
                parse_cell(bad)
        with self.assertRaises(TypeError):
            parse_cell(None)


class RangeTest(unittest.TestCase):
    def test_single(self):
        self.assertEqual(expand_range("C3"), ["C3"])
        self.assertEqual(expand_range("$c$3"), ["C3"])

    def test_rectangles(self):
        self.assertEqual(expand_range("A1:B2"), ["A1", "B1", "A2", "B2"])
        self.assertEqual(expand_range("B2:A1"), ["A1", "B1", "A2", "B2"])
        self.assertEqual(expand_range("A2:B1"), ["A1", "B1", "A2", "B2"])
        self.assertEqual(expand_range("Y1:AB1"), ["Y1", "Z1", "AA1", "AB1"])
        self.assertEqual(expand_range("c5:C7"), ["C5", "C6", "C7"])
        self.assertEqual(expand_range("$A$1:A1"), ["A1"])
        self.assertEqual(len(expand_range("A1:J10000")), 100000)

    def test_errors(self):
        for bad in ["", ":", "A1:", ":B2", "A1:B2:C3", "A1-B2", "A1:B0"]:
            with self.assertRaises(ValueError, msg=repr(bad)):
                expand_range(bad)
        with self.assertRaises(ValueError):
            expand_range("A1:ZZZ1000000")
        with self.assertRaises(TypeError):
            expand_range(5)


if __name__ == "__main__":
    unittest.main()
