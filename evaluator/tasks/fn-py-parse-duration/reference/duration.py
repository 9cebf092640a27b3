import re
from fractions import Fraction

UNITS = [("w", 604800), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)]
_COMPONENT = re.compile(r"(\d+(?:\.\d+)?)([wdhms])")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _result(total):
    return int(total) if total.denominator == 1 else float(total)


def parse_duration(text):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    stripped = text.strip(" ")
    if stripped == "":
        raise ValueError("empty duration")
    if _NUMBER.fullmatch(stripped):
        return _result(Fraction(stripped))
    order = [u for u, _ in UNITS]
    factor = dict(UNITS)
    total = Fraction(0)
    last = -1
    for part in stripped.split(" "):
        if part == "":
            continue
        pos = 0
        while pos < len(part):
            m = _COMPONENT.match(part, pos)
            if not m:
                raise ValueError(f"malformed duration {text!r}")
            index = order.index(m.group(2))
            if index <= last:
                raise ValueError(f"units out of order or repeated in {text!r}")
            last = index
            total += Fraction(m.group(1)) * factor[m.group(2)]
            pos = m.end()
    return _result(total)


def format_duration(seconds):
    if isinstance(seconds, bool) or not isinstance(seconds, int):
        raise TypeError("seconds must be an int")
    if seconds < 0:
        raise ValueError("seconds must not be negative")
    if seconds == 0:
        return "0s"
    out = []
    for unit, size in UNITS:
        count, seconds = divmod(seconds, size)
        if count:
            out.append(f"{count}{unit}")
    return "".join(out)
