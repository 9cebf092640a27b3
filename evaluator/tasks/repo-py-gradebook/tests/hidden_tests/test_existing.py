import unittest

from gradebook import Course, GradeError, mean, median, report


class ExistingTest(unittest.TestCase):
    def test_course(self):
        c = Course({"homework": 0.4, "exam": 0.6})
        c.record("ada", "homework", 95)
        c.record("ada", "exam", 88)
        c.record("ada", "exam", 91)
        self.assertAlmostEqual(c.final_score("ada"), 92.6)
        self.assertEqual(c.letter("ada"), "A")
        self.assertEqual(c.students(), ["ada"])
        for args in (("ada", "quiz", 50), ("ada", "exam", 101), ("ada", "exam", -1)):
            with self.assertRaises(GradeError):
                c.record(*args)
        with self.assertRaises(GradeError):
            c.final_score("nobody")
        with self.assertRaises(GradeError):
            Course({"a": 0.5, "b": 0.4})
        with self.assertRaises(GradeError):
            Course({"a": 1.5, "b": -0.5})
        self.assertTrue(issubclass(GradeError, ValueError))

    def test_stats(self):
        self.assertEqual(mean([1, 2, 3, 4]), 2.5)
        self.assertEqual(median([3, 1, 2]), 2)
        self.assertEqual(median([7]), 7)
        with self.assertRaises(ValueError):
            mean([])

    def test_report(self):
        c = Course({"x": 1.0})
        self.assertEqual(report(c), "")
        c.record("bo", "x", 75)
        c.record("al", "x", 95)
        c.record("cy", "x", 55)
        self.assertEqual(report(c), "al           95.0 A\nbo           75.0 C\ncy           55.0 F\nmean         75.0\nmedian       75.0")
