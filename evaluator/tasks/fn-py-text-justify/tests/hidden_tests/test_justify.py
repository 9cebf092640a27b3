import unittest

from justify import justify


class JustifyTest(unittest.TestCase):
    def test_example(self):
        self.assertEqual(justify("This is an example of text justification.", 16),
                         ["This    is    an", "example  of text", "justification."])

    def test_left_gaps_get_extra_spaces(self):
        self.assertEqual(justify("a b c d e", 8), ["a  b c d", "e"])
        self.assertEqual(justify("aa bb cc dd", 10), ["aa  bb  cc", "dd"])
        self.assertEqual(justify("a b c zzzzzzzzz", 9), ["a   b   c", "zzzzzzzzz"])
        self.assertEqual(justify("one two three four five", 12), ["one      two", "three   four", "five"])

    def test_single_word_lines_padded(self):
        self.assertEqual(justify("wordy longerword x", 11), ["wordy      ", "longerword ", "x"])

    def test_last_line_not_padded(self):
        lines = justify("What must be acknowledgment shall be", 16)
        self.assertEqual(lines, ["What   must   be", "acknowledgment  ", "shall be"])

    def test_exact_fit(self):
        self.assertEqual(justify("abc def", 7), ["abc def"])
        self.assertEqual(justify("abc def ghi", 7), ["abc def", "ghi"])
        self.assertEqual(justify("a", 1), ["a"])

    def test_paragraphs(self):
        text = "first para\nhas two lines\n\n   \n\nsecond one here\n\n"
        self.assertEqual(justify(text, 10), ["first para", "has    two", "lines", "", "second one", "here"])
        self.assertEqual(justify("\n\nonly\n\n", 5), ["only"])
        self.assertEqual(justify("a\n\nb\n\t\nc", 3), ["a", "", "b", "", "c"])

    def test_whitespace_inside_paragraphs(self):
        self.assertEqual(justify("a\tb\nc   d", 3), ["a b", "c d"])

    def test_no_words(self):
        self.assertEqual(justify("", 5), [])
        self.assertEqual(justify("  \n\n \t ", 5), [])

    def test_all_lines_have_width(self):
        words = " ".join(["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit"] * 20)
        for width in range(11, 40):
            lines = justify(words, width)
            for line in lines[:-1]:
                self.assertEqual(len(line), width)
            self.assertEqual(" ".join(" ".join(lines).split()), words)
            self.assertFalse(lines[-1].endswith(" "))

    def test_errors(self):
        with self.assertRaises(ValueError):
            justify("tiny enormousword", 5)
        with self.assertRaises(ValueError):
            justify("a", 0)
        with self.assertRaises(TypeError):
            justify("a", 3.0)
        with self.assertRaises(TypeError):
            justify("a", True)
        with self.assertRaises(TypeError):
            justify(None, 3)


if __name__ == "__main__":
    unittest.main()
