import unittest

from gradebook import Course


class CourseTest(unittest.TestCase):
    def test_weighted(self):
        c = Course({"homework": 0.4, "exam": 0.6})
        c.record("ada", "homework", 95)
        c.record("ada", "exam", 88)
        self.assertAlmostEqual(c.final_score("ada"), 90.8)
