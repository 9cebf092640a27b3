import unittest

from number_words import number_to_words as w


class NumberWordsTest(unittest.TestCase):
    def test_small(self):
        expected = {0: "zero", 1: "one", 7: "seven", 10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen",
                    14: "fourteen", 15: "fifteen", 18: "eighteen", 19: "nineteen", 20: "twenty", 21: "twenty-one",
                    40: "forty", 42: "forty-two", 58: "fifty-eight", 80: "eighty", 99: "ninety-nine"}
        for n, words in expected.items():
            self.assertEqual(w(n), words)

    def test_hundreds(self):
        self.assertEqual(w(100), "one hundred")
        self.assertEqual(w(307), "three hundred seven")
        self.assertEqual(w(310), "three hundred ten")
        self.assertEqual(w(999), "nine hundred ninety-nine")
        self.assertEqual(w(115), "one hundred fifteen")

    def test_scales(self):
        self.assertEqual(w(1000), "one thousand")
        self.assertEqual(w(1001), "one thousand one")
        self.assertEqual(w(12345), "twelve thousand three hundred forty-five")
        self.assertEqual(w(100000), "one hundred thousand")
        self.assertEqual(w(1000001), "one million one")
        self.assertEqual(w(2000300), "two million three hundred")
        self.assertEqual(w(1000000000), "one billion")
        self.assertEqual(w(1234567890), "one billion two hundred thirty-four million five hundred sixty-seven thousand eight hundred ninety")
        self.assertEqual(w(999_999_999_999), "nine hundred ninety-nine billion nine hundred ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine")
        self.assertEqual(w(5_000_070_000), "five billion seventy thousand")

    def test_negative(self):
        self.assertEqual(w(-15), "minus fifteen")
        self.assertEqual(w(-1000), "minus one thousand")
        self.assertEqual(w(-999_999_999_999)[:26], "minus nine hundred ninety-")

    def test_no_double_spaces(self):
        for n in range(0, 2_000_000, 997):
            text = w(n)
            self.assertNotIn("  ", text)
            self.assertEqual(text, text.strip())

    def test_errors(self):
        for bad in [10 ** 12, -(10 ** 12)]:
            with self.assertRaises(ValueError):
                w(bad)
        for bad in [True, 1.0, "5", None]:
            with self.assertRaises(TypeError):
                w(bad)


if __name__ == "__main__":
    unittest.main()
