import unittest
from datetime import date as d
from itertools import islice

from cadence import Rule, RuleError, describe, occurrences, occurrences_between, parse_rule


class ExistingTest(unittest.TestCase):
    def test_daily_and_simple_monthly_weekly(self):
        self.assertEqual(list(islice(occurrences(Rule("daily", d(2024, 2, 27))), 4)), [d(2024, 2, 27), d(2024, 2, 28), d(2024, 2, 29), d(2024, 3, 1)])
        self.assertEqual(list(occurrences(Rule("monthly", d(2024, 11, 15), interval=2, count=3))), [d(2024, 11, 15), d(2025, 1, 15), d(2025, 3, 15)])
        self.assertEqual(list(occurrences(Rule("weekly", d(2024, 1, 3), count=3))), [d(2024, 1, 3), d(2024, 1, 10), d(2024, 1, 17)])
        self.assertEqual(occurrences_between(Rule("daily", d(2024, 1, 1), interval=10), d(2024, 1, 5), d(2024, 2, 1)), [d(2024, 1, 11), d(2024, 1, 21), d(2024, 1, 31)])

    def test_validation(self):
        for kwargs in (
            {"freq": "yearly"},
            {"interval": 0},
            {"weekdays": (7,)},
            {"weekdays": ()},
            {"count": 0},
            {"until": d(2023, 12, 31)},
        ):
            args = {"freq": "weekly", "start": d(2024, 1, 1), **kwargs}
            with self.assertRaises(RuleError, msg=repr(kwargs)):
                Rule(**args)
        with self.assertRaises(RuleError):
            Rule("daily", d(2024, 1, 1), weekdays=(1,))

    def test_parse_and_describe(self):
        rule = parse_rule("Every 2 weeks on thu,mon from 2024-01-01 count 4")
        self.assertEqual(rule, Rule("weekly", d(2024, 1, 1), interval=2, weekdays=(0, 3), count=4))
        self.assertEqual(describe(rule), "every 2 weeks on Mon, Thu from 2024-01-01, 4 times")
        self.assertEqual(describe(parse_rule("every day from 2024-05-01 until 2024-05-03")), "every day from 2024-05-01 until 2024-05-03")
        self.assertEqual(describe(parse_rule("every month from 2024-05-01 count 1")), "every month from 2024-05-01, 1 time")
        for bad in ("every week", "every 2 fortnights from 2024-01-01", "every week on xyz from 2024-01-01", "every day from 2024-02-30"):
            with self.assertRaises(RuleError, msg=bad):
                parse_rule(bad)
