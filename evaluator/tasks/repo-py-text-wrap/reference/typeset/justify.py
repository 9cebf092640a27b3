from .wrap import check_width


def justify(lines, width):
    """Pad every line but the last to `width`; extra spaces go to the leftmost gaps."""
    check_width(width)
    lines = list(lines)
    result = []
    for index, line in enumerate(lines):
        if len(line) > width:
            raise ValueError(f"line longer than {width}: {line!r}")
        words = line.split()
        if len(words) <= 1 or index == len(lines) - 1:
            result.append(" ".join(words))
            continue
        gaps = len(words) - 1
        spaces = width - sum(len(w) for w in words)
        base, extra = divmod(spaces, gaps)
        out = words[0]
        for i, word in enumerate(words[1:]):
            out += " " * (base + (1 if i < extra else 0)) + word
        result.append(out)
    return result
