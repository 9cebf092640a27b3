import unittest
from datetime import date as d

from cadence import Rule, occurrences, occurrences_between, parse_rule


class MonthEndTest(unittest.TestCase):
    def test_day_31_clamps_to_month_end_without_drifting(self):
        rule = Rule("monthly", d(2024, 1, 31), count=6)
        self.assertEqual(
            list(occurrences(rule)),
            [d(2024, 1, 31), d(2024, 2, 29), d(2024, 3, 31), d(2024, 4, 30), d(2024, 5, 31), d(2024, 6, 30)],
        )

    def test_non_leap_february_and_intervals(self):
        rule = Rule("monthly", d(2022, 11, 30), interval=3, count=4)
        self.assertEqual(list(occurrences(rule)), [d(2022, 11, 30), d(2023, 2, 28), d(2023, 5, 30), d(2023, 8, 30)])
        leap = Rule("monthly", d(2024, 2, 29), interval=12, count=3)
        self.assertEqual(list(occurrences(leap)), [d(2024, 2, 29), d(2025, 2, 28), d(2026, 2, 28)])

    def test_between_with_month_ends(self):
        rule = parse_rule("every month from 2023-10-31")
        self.assertEqual(occurrences_between(rule, d(2024, 1, 1), d(2024, 4, 30)), [d(2024, 1, 31), d(2024, 2, 29), d(2024, 3, 31), d(2024, 4, 30)])


class WeekdaysTest(unittest.TestCase):
    def test_readme_example(self):
        rule = parse_rule("every 2 weeks on mon,thu from 2024-01-01 count 4")
        self.assertEqual(list(occurrences(rule)), [d(2024, 1, 1), d(2024, 1, 4), d(2024, 1, 15), d(2024, 1, 18)])

    def test_start_mid_week_skips_earlier_days_of_first_week(self):
        # 2024-01-03 is a Wednesday
        rule = Rule("weekly", d(2024, 1, 3), weekdays=(0, 2, 4), count=5)
        self.assertEqual(list(occurrences(rule)), [d(2024, 1, 3), d(2024, 1, 5), d(2024, 1, 8), d(2024, 1, 10), d(2024, 1, 12)])
        rule2 = Rule("weekly", d(2024, 1, 4), interval=3, weekdays=(1,), count=3)
        self.assertEqual(list(occurrences(rule2)), [d(2024, 1, 23), d(2024, 2, 13), d(2024, 3, 5)])

    def test_weekday_order_and_until(self):
        rule = Rule("weekly", d(2024, 2, 26), weekdays=(6, 0), until=d(2024, 3, 10))
        self.assertEqual(list(occurrences(rule)), [d(2024, 2, 26), d(2024, 3, 3), d(2024, 3, 4), d(2024, 3, 10)])


class UntilTest(unittest.TestCase):
    def test_until_is_inclusive(self):
        self.assertEqual(list(occurrences(Rule("daily", d(2024, 1, 1), interval=3, until=d(2024, 1, 7)))), [d(2024, 1, 1), d(2024, 1, 4), d(2024, 1, 7)])
        self.assertEqual(list(occurrences(Rule("daily", d(2024, 1, 1), until=d(2024, 1, 1)))), [d(2024, 1, 1)])
        rule = parse_rule("every week from 2024-01-01 until 2024-01-15")
        self.assertEqual(list(occurrences(rule)), [d(2024, 1, 1), d(2024, 1, 8), d(2024, 1, 15)])

    def test_count_and_until_together(self):
        rule = Rule("daily", d(2024, 1, 1), count=2, until=d(2024, 1, 31))
        self.assertEqual(list(occurrences(rule)), [d(2024, 1, 1), d(2024, 1, 2)])
        rule = Rule("monthly", d(2024, 1, 31), count=10, until=d(2024, 3, 31))
        self.assertEqual(list(occurrences(rule)), [d(2024, 1, 31), d(2024, 2, 29), d(2024, 3, 31)])
