import unittest

from duration import format_duration, parse_duration


class ParseTest(unittest.TestCase):
    def check(self, text, expected):
        result = parse_duration(text)
        self.assertEqual(result, expected, text)
        self.assertIs(type(result), type(expected), text)

    def test_components(self):
        self.check("1h30m", 5400)
        self.check("2w", 1209600)
        self.check("1w2d3h4m5s", 604800 + 172800 + 10800 + 240 + 5)
        self.check("45s", 45)
        self.check("0s", 0)
        self.check("100m", 6000)

    def test_fractions(self):
        self.check("1.5h", 5400)
        self.check("0.5s", 0.5)
        self.check("0.25m", 15)
        self.check("1.5d0.5s", 129600.5)
        self.check("0.1s", 0.1)

    def test_spaces(self):
        self.check(" 1h 30m ", 5400)
        self.check("1d  2h", 93600)

    def test_bare_numbers(self):
        self.check("90", 90)
        self.check("1.5", 1.5)
        self.check(" 7 ", 7)

    def test_errors(self):
        for bad in ["", "   ", "30m1h", "1h1h", "1 h", "1h30", "h", "1x", "-1h", "+1h", ".5h", "1.h", "1H",
                    "1h-30m", "1h,30m", "1.2.3s", "1e3s", "abc", "1h 30"]:
            with self.assertRaises(ValueError, msg=repr(bad)):
                parse_duration(bad)
        for bad in [None, 5, 1.5, b"1h"]:
            with self.assertRaises(TypeError):
                parse_duration(bad)


class FormatTest(unittest.TestCase):
    def test_format(self):
        self.assertEqual(format_duration(5400), "1h30m")
        self.assertEqual(format_duration(90061), "1d1h1m1s")
        self.assertEqual(format_duration(604800), "1w")
        self.assertEqual(format_duration(0), "0s")
        self.assertEqual(format_duration(59), "59s")
        self.assertEqual(format_duration(604800 * 3 + 1), "3w1s")
        self.assertEqual(format_duration(3600 * 24 * 6 + 3599), "6d59m59s")

    def test_round_trip(self):
        for n in list(range(0, 5000, 7)) + [604799, 604801, 10 ** 9]:
            self.assertEqual(parse_duration(format_duration(n)), n)

    def test_errors(self):
        for bad in [True, 1.0, "5", None]:
            with self.assertRaises(TypeError):
                format_duration(bad)
        with self.assertRaises(ValueError):
            format_duration(-1)


if __name__ == "__main__":
    unittest.main()
