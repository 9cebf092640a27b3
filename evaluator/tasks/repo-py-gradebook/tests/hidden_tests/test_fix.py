import unittest

from gradebook import Course, letter_grade, median, report


class LetterTest(unittest.TestCase):
    def test_thresholds_are_inclusive(self):
        self.assertEqual([letter_grade(s) for s in (90, 80, 70, 60)], ["A", "B", "C", "D"])
        self.assertEqual([letter_grade(s) for s in (89.99, 79.5, 69.9, 59.99)], ["B", "C", "D", "F"])
        self.assertEqual(letter_grade(100), "A")
        self.assertEqual(letter_grade(0), "F")


class MedianTest(unittest.TestCase):
    def test_even_length_uses_the_two_middle_values(self):
        self.assertEqual(median([1, 3]), 2)
        self.assertEqual(median([4, 1, 3, 2]), 2.5)
        self.assertEqual(median([10, 20, 30, 40, 50, 60]), 35)

    def test_empty_raises_value_error(self):
        with self.assertRaises(ValueError):
            median([])


class MissingWorkTest(unittest.TestCase):
    def test_missing_assignments_count_as_zero(self):
        c = Course({"homework": 0.4, "exam": 0.6})
        c.record("bo", "homework", 70)
        self.assertAlmostEqual(c.final_score("bo"), 28.0)
        self.assertEqual(c.letter("bo"), "F")
        c.record("cy", "exam", 100)
        self.assertAlmostEqual(c.final_score("cy"), 60.0)
        self.assertEqual(c.letter("cy"), "D")

    def test_report_uses_fixed_rules(self):
        c = Course({"hw": 0.5, "exam": 0.5})
        c.record("ada", "hw", 90)
        c.record("ada", "exam", 90)
        c.record("bo", "hw", 80)
        c.record("cy", "hw", 100)
        c.record("cy", "exam", 60)
        c.record("di", "exam", 100)
        self.assertEqual(
            report(c),
            "ada          90.0 A\nbo           40.0 F\ncy           80.0 B\ndi           50.0 F\nmean         65.0\nmedian       65.0",
        )
