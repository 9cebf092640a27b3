import re

_CELL = re.compile(r"\$?([A-Za-z]+)\$?([1-9][0-9]*)")
MAX_CELLS = 100_000


def column_index(label):
    if not isinstance(label, str):
        raise TypeError("label must be a str")
    if not re.fullmatch(r"[A-Z]+", label):
        raise ValueError(f"bad column label {label!r}")
    index = 0
    for ch in label:
        index = index * 26 + (ord(ch) - 64)
    return index


def column_label(index):
    if isinstance(index, bool) or not isinstance(index, int):
        raise TypeError("index must be an int")
    if index < 1:
        raise ValueError("index must be >= 1")
    letters = []
    while index:
        index, rest = divmod(index - 1, 26)
        letters.append(chr(65 + rest))
    return "".join(reversed(letters))


def parse_cell(ref):
    if not isinstance(ref, str):
        raise TypeError("ref must be a str")
    match = _CELL.fullmatch(ref)
    if not match or not match.group(1).isascii():
        raise ValueError(f"bad cell reference {ref!r}")
    return int(match.group(2)), column_index(match.group(1).upper())


def expand_range(ref):
    if not isinstance(ref, str):
        raise TypeError("ref must be a str")
    parts = ref.split(":")
    if len(parts) not in (1, 2):
        raise ValueError(f"bad range {ref!r}")
    corners = [parse_cell(p) for p in parts]
    rows = sorted(c[0] for c in corners)
    cols = sorted(c[1] for c in corners)
    count = (rows[-1] - rows[0] + 1) * (cols[-1] - cols[0] + 1)
    if count > MAX_CELLS:
        raise ValueError(f"range {ref!r} has {count} cells, more than {MAX_CELLS}")
    labels = [column_label(c) for c in range(cols[0], cols[-1] + 1)]
    return [f"{label}{row}" for row in range(rows[0], rows[-1] + 1) for label in labels]
