import unittest
from datetime import date

from cadence import Rule, occurrences


class DailyTest(unittest.TestCase):
    def test_every_other_day(self):
        rule = Rule("daily", date(2024, 1, 30), interval=2, count=3)
        self.assertEqual(list(occurrences(rule)), [date(2024, 1, 30), date(2024, 2, 1), date(2024, 2, 3)])
