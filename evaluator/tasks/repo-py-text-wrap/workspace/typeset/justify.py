from .wrap import check_width


def justify(lines, width):
    check_width(width)
    result = []
    for line in lines:
        if len(line) > width:
            raise ValueError(f"line longer than {width}: {line!r}")
        words = line.split(" ")
        if len(words) == 1:
            result.append(line)
            continue
        gaps = len(words) - 1
        spaces = width - sum(len(w) for w in words)
        base, extra = divmod(spaces, gaps)
        out = words[0]
        for i, word in enumerate(words[1:]):
            out += " " * (base + (1 if i >= gaps - extra else 0)) + word
        result.append(out)
    return result
