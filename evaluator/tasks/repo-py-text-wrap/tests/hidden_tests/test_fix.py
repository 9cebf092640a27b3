import unittest

from typeset import fill, justify, wrap


class LongWordTest(unittest.TestCase):
    def test_long_words_are_split(self):
        self.assertEqual(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"])
        self.assertEqual(wrap("see https://example.com/abc now", 8), ["see", "https://", "example.", "com/abc", "now"])
        self.assertEqual(wrap("a bbbbbbb c", 3), ["a", "bbb", "bbb", "b c"])
        self.assertEqual(wrap("xxxxxx", 3), ["xxx", "xxx"])
        self.assertEqual(wrap("xxxxxx y", 3), ["xxx", "xxx", "y"])
        self.assertEqual(wrap("abc", 1), ["a", "b", "c"])

    def test_no_line_exceeds_width(self):
        text = "lorem ipsumdolorsitamet consectetur adipiscingelitseddoeiusmod tempor"
        for width in range(1, 30):
            lines = wrap(text, width)
            self.assertTrue(all(len(line) <= width for line in lines), width)
            self.assertEqual("".join(lines).replace(" ", ""), text.replace(" ", ""))

    def test_fill_uses_the_same_rule(self):
        self.assertEqual(fill("aaaaaa b\n\ncc", 4), "aaaa\naa b\n\ncc")


class JustifyTest(unittest.TestCase):
    def test_last_line_is_left_aligned(self):
        self.assertEqual(justify(wrap("The quick brown fox jumps", 12), 12), ["The    quick", "brown    fox", "jumps"])
        self.assertEqual(justify(["a b", "c d"], 5), ["a   b", "c d"])

    def test_extra_spaces_go_to_the_left_gaps(self):
        self.assertEqual(justify(["a b c d", "end"], 11), ["a   b  c  d", "end"])
        self.assertEqual(justify(["aa bb cc", "x"], 11), ["aa   bb  cc", "x"])
        self.assertEqual(justify(["one two three four", "z"], 22), ["one   two  three  four", "z"])
        self.assertEqual(justify(["a b c", "d e f", "g"], 8), ["a   b  c", "d   e  f", "g"])

    def test_single_word_lines_are_not_padded(self):
        self.assertEqual(justify(["word", "two words", "end"], 10), ["word", "two  words", "end"])

    def test_generators_are_accepted(self):
        self.assertEqual(justify((line for line in ["a b", "c"]), 4), ["a  b", "c"])
