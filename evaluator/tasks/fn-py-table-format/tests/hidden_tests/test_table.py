import unittest

from table import format_table


def t(*lines):
    return "\n".join(lines)


class TableTest(unittest.TestCase):
    def test_example(self):
        self.assertEqual(format_table([["apple", 3], ["fig", 12]], headers=["name", "qty"]), t(
            "+-------+-----+",
            "| name  | qty |",
            "+-------+-----+",
            "| apple |   3 |",
            "| fig   |  12 |",
            "+-------+-----+",
        ))

    def test_no_headers(self):
        self.assertEqual(format_table([[1, "a"], [22, "bb"]]), t(
            "+----+----+",
            "|  1 | a  |",
            "| 22 | bb |",
            "+----+----+",
        ))

    def test_auto_alignment_rules(self):
        rows = [[1.5, True, None, "7"], [None, False, None, 8]]
        self.assertEqual(format_table(rows, headers=["f", "b", "n", "m"]), t(
            "+-----+-------+---+---+",
            "|   f | b     | n | m |",
            "+-----+-------+---+---+",
            "| 1.5 | True  |   | 7 |",
            "|     | False |   | 8 |",
            "+-----+-------+---+---+",
        ))

    def test_explicit_alignment_and_centre(self):
        self.assertEqual(format_table([["ab", "x", 5]], headers=["left", "centre", "r"], align="lcr"), t(
            "+------+--------+---+",
            "| left | centre | r |",
            "+------+--------+---+",
            "| ab   |   x    | 5 |",
            "+------+--------+---+",
        ))
        self.assertEqual(format_table([["a"], ["abcd"]], align="c"), t(
            "+------+",
            "|  a   |",
            "| abcd |",
            "+------+",
        ))

    def test_multiline_cells(self):
        self.assertEqual(format_table([["one\ntwo\nthree", "x"], ["y", 1]], headers=["multi\nhead", "k"]), t(
            "+-------+---+",
            "| multi | k |",
            "| head  |   |",
            "+-------+---+",
            "| one   | x |",
            "| two   |   |",
            "| three |   |",
            "| y     | 1 |",
            "+-------+---+",
        ))

    def test_empty_values_have_width_one(self):
        self.assertEqual(format_table([[None, ""]]), t(
            "+---+---+",
            "|   |   |",
            "+---+---+",
        ))

    def test_no_rows(self):
        self.assertEqual(format_table([], headers=["a", "bb"]), t(
            "+---+----+",
            "| a | bb |",
            "+---+----+",
            "+---+----+",
        ))
        self.assertEqual(format_table([]), "")
        self.assertEqual(format_table(()), "")

    def test_tuples(self):
        self.assertEqual(format_table(((1,), (2,)), headers=("n",)), t(
            "+---+",
            "| n |",
            "+---+",
            "| 1 |",
            "| 2 |",
            "+---+",
        ))

    def test_errors(self):
        with self.assertRaises(ValueError):
            format_table([[1, 2], [3]])
        with self.assertRaises(ValueError):
            format_table([[1, 2]], headers=["a"])
        with self.assertRaises(ValueError):
            format_table([[1, 2]], align="l")
        with self.assertRaises(ValueError):
            format_table([[1, 2]], align="lx")
        with self.assertRaises(TypeError):
            format_table("rows")
        with self.assertRaises(TypeError):
            format_table([[1], "x"])


if __name__ == "__main__":
    unittest.main()
