import unittest

from ini import IniError, parse_ini


class ParseTest(unittest.TestCase):
    def test_sections_and_keys(self):
        text = "[server]\nhost = example.org\nPort: 8080\n\n[client]\nretries=3\n"
        self.assertEqual(parse_ini(text), {"server": {"host": "example.org", "port": "8080"}, "client": {"retries": "3"}})

    def test_order_is_kept(self):
        result = parse_ini("[b]\nz=1\na=2\n[a]\nk=v\n")
        self.assertEqual(list(result), ["b", "a"])
        self.assertEqual(list(result["b"]), ["z", "a"])

    def test_global_section(self):
        self.assertEqual(parse_ini("name = top\n[s]\nx = 1"), {"": {"name": "top"}, "s": {"x": "1"}})
        self.assertNotIn("", parse_ini("[s]\nx = 1"))
        self.assertEqual(parse_ini(""), {})
        self.assertEqual(parse_ini("[empty]\n"), {"empty": {}})

    def test_comments_and_whitespace(self):
        text = "; comment\n  # another\n[ main ]\n  key   =   spaced value  \n"
        self.assertEqual(parse_ini(text), {"main": {"key": "spaced value"}})

    def test_first_separator_wins(self):
        result = parse_ini("[s]\nurl = http://x.org/a=b\ntime: 12:30\nweird = a:b\n")
        self.assertEqual(result["s"], {"url": "http://x.org/a=b", "time": "12:30", "weird": "a:b"})

    def test_inline_comments_and_quotes(self):
        text = '[s]\nport = 80 ; web\nurl = a#b\ncolor = red\t# tab\nmotd = "hi ; there"\nempty =\nq = "x"y\n'
        self.assertEqual(parse_ini(text)["s"], {"port": "80", "url": "a#b", "color": "red", "motd": "hi ; there", "empty": "", "q": '"x"y'})

    def test_continuation(self):
        text = "[s]\ndesc = first\n   second ; note\n\tthird\nnext = 1\n"
        self.assertEqual(parse_ini(text)["s"], {"desc": "first\nsecond\nthird", "next": "1"})

    def test_blank_line_ends_continuation(self):
        with self.assertRaises(IniError) as caught:
            parse_ini("[s]\na = 1\n\n  orphan\n")
        self.assertEqual(caught.exception.line, 4)

    def test_crlf(self):
        self.assertEqual(parse_ini("[s]\r\nk = v\r\n"), {"s": {"k": "v"}})

    def test_repeated_section_continues(self):
        self.assertEqual(parse_ini("[s]\na=1\n[t]\nb=2\n[s]\nc=3"), {"s": {"a": "1", "c": "3"}, "t": {"b": "2"}})

    def test_keys_case_insensitive_sections_not(self):
        self.assertEqual(parse_ini("[S]\nKEY=v\n[s]\nkey=w"), {"S": {"key": "v"}, "s": {"key": "w"}})


class ErrorTest(unittest.TestCase):
    def expect(self, text, line):
        with self.assertRaises(IniError) as caught:
            parse_ini(text)
        self.assertIsInstance(caught.exception, ValueError)
        self.assertEqual(caught.exception.line, line)
        self.assertIn(f"line {line}", str(caught.exception))

    def test_errors(self):
        self.expect("[s]\na=1\nA = 2", 3)
        self.expect("[s]\na=1\n[t]\n[s]\na=3", 5)
        self.expect("[]\n", 1)
        self.expect("[ ]\n", 1)
        self.expect("[s] trailing\n", 1)
        self.expect("[s\n", 1)
        self.expect("[s]\n= value\n", 2)
        self.expect("[s]\nok=1\njust words\n", 3)
        self.expect("  orphan words\n", 1)
        self.assertEqual(parse_ini("  indented = first\n"), {"": {"indented": "first"}})

    def test_type_error(self):
        with self.assertRaises(TypeError):
            parse_ini(None)


if __name__ == "__main__":
    unittest.main()
