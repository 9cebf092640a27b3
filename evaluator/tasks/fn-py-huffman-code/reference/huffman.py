import heapq
from collections import Counter
from itertools import count


def _lengths(freq):
    tie = count()
    heap = [(f, next(tie), [sym]) for sym, f in freq.items()]
    heapq.heapify(heap)
    depth = dict.fromkeys(freq, 0)
    while len(heap) > 1:
        f1, _, s1 = heapq.heappop(heap)
        f2, _, s2 = heapq.heappop(heap)
        for sym in s1 + s2:
            depth[sym] += 1
        heapq.heappush(heap, (f1 + f2, next(tie), s1 + s2))
    return depth


def build_code(text):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    freq = Counter(text)
    if not freq:
        return {}
    if len(freq) == 1:
        return {next(iter(freq)): "0"}
    lengths = _lengths(freq)
    code = {}
    value = 0
    previous = None
    for sym in sorted(freq, key=lambda s: (lengths[s], s)):
        length = lengths[sym]
        if previous is not None:
            value = (value + 1) << (length - previous)
        code[sym] = format(value, f"0{length}b")
        previous = length
    return code


def encode(text, code):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    try:
        return "".join(code[ch] for ch in text)
    except KeyError as missing:
        raise ValueError(f"no code for {missing.args[0]!r}") from None


def decode(bits, code):
    if not isinstance(bits, str):
        raise TypeError("bits must be a str")
    words = sorted(code.values())
    for a, b in zip(words, words[1:]):
        if b.startswith(a):
            raise ValueError("code is not prefix-free")
    reverse = {v: k for k, v in code.items()}
    longest = max((len(w) for w in words), default=0)
    out = []
    current = ""
    for bit in bits:
        if bit not in "01":
            raise ValueError(f"bad bit {bit!r}")
        current += bit
        if current in reverse:
            out.append(reverse[current])
            current = ""
        elif len(current) >= longest:
            raise ValueError("bits match no code")
    if current:
        raise ValueError("bits end in the middle of a code")
    return "".join(out)
