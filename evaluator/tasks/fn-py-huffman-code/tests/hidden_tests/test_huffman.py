import heapq
import unittest
from collections import Counter

from huffman import build_code, decode, encode


def optimal_cost(text):
    freq = list(Counter(text).values())
    if len(freq) <= 1:
        return len(text)
    heapq.heapify(freq)
    total = 0
    while len(freq) > 1:
        a = heapq.heappop(freq)
        b = heapq.heappop(freq)
        total += a + b
        heapq.heappush(freq, a + b)
    return total


def canonical(lengths):
    code = {}
    value = 0
    previous = None
    for sym in sorted(lengths, key=lambda s: (lengths[s], s)):
        if previous is not None:
            value = (value + 1) << (lengths[sym] - previous)
        code[sym] = format(value, f"0{lengths[sym]}b")
        previous = lengths[sym]
    return code


SAMPLES = [
    "abracadabra",
    "aaaaaaaabbbbccd",
    "the quick brown fox jumps over the lazy dog",
    "mississippi river",
    "ab",
    "aabbccdd",
    "".join(chr(65 + i) * (i + 1) ** 2 for i in range(20)),
    "ÄÖÜ äöü ß 😀😀😀",
]


class BuildCodeTest(unittest.TestCase):
    def test_special_cases(self):
        self.assertEqual(build_code(""), {})
        self.assertEqual(build_code("zzzz"), {"z": "0"})

    def test_known_example(self):
        # frequencies a:4 b:2 c:1 d:1 have unique optimal lengths 1, 2, 3, 3
        self.assertEqual(build_code("aaaabbcd"), {"a": "0", "b": "10", "c": "110", "d": "111"})
        self.assertEqual(build_code("dcbbaaaa"), {"a": "0", "b": "10", "c": "110", "d": "111"})

    def test_properties(self):
        for text in SAMPLES:
            code = build_code(text)
            self.assertEqual(set(code), set(text), text)
            words = list(code.values())
            for w in words:
                self.assertRegex(w, r"^[01]+$")
            for a in words:
                for b in words:
                    if a is not b:
                        self.assertFalse(b.startswith(a), f"{a} is a prefix of {b} in {text!r}")
            freq = Counter(text)
            self.assertEqual(sum(freq[c] * len(code[c]) for c in code), optimal_cost(text), text)
            self.assertEqual(code, canonical({s: len(w) for s, w in code.items()}), f"not canonical for {text!r}")

    def test_large_text(self):
        text = ("lorem ipsum dolor sit amet " * 8000)[:200000]
        code = build_code(text)
        self.assertEqual(len(encode(text, code)), optimal_cost(text))

    def test_type_error(self):
        with self.assertRaises(TypeError):
            build_code(None)


class EncodeDecodeTest(unittest.TestCase):
    def test_round_trip(self):
        for text in SAMPLES + ["x", ""]:
            code = build_code(text)
            self.assertEqual(decode(encode(text, code), code), text)

    def test_encode(self):
        code = {"a": "0", "b": "10", "c": "11"}
        self.assertEqual(encode("abcab", code), "01011010")
        self.assertEqual(encode("", code), "")
        with self.assertRaises(ValueError):
            encode("abd", code)
        with self.assertRaises(TypeError):
            encode(5, code)

    def test_decode(self):
        code = {"a": "0", "b": "10", "c": "11"}
        self.assertEqual(decode("01011010", code), "abcab")
        self.assertEqual(decode("", code), "")
        for bad in ["1", "0102", "01 0", "011x"]:
            with self.assertRaises(ValueError, msg=bad):
                decode(bad, code)
        partial = {"a": "00", "b": "01"}
        with self.assertRaises(ValueError):
            decode("0010", partial)
        with self.assertRaises(ValueError):
            decode("0", {"a": "0", "b": "01"})
        with self.assertRaises(TypeError):
            decode(None, code)


if __name__ == "__main__":
    unittest.main()
