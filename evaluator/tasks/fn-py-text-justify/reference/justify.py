import re


def _paragraph_lines(words, width):
    lines = []
    current = []
    length = 0
    for word in words:
        if current and length + 1 + len(word) > width:
            lines.append(current)
            current, length = [], 0
        length += len(word) + (1 if current else 0)
        current.append(word)
    lines.append(current)
    out = []
    for index, line in enumerate(lines):
        if index == len(lines) - 1:
            out.append(" ".join(line))
        elif len(line) == 1:
            out.append(line[0].ljust(width))
        else:
            gaps = len(line) - 1
            spaces = width - sum(len(w) for w in line)
            base, extra = divmod(spaces, gaps)
            text = ""
            for i, word in enumerate(line[:-1]):
                text += word + " " * (base + (1 if i < extra else 0))
            out.append(text + line[-1])
    return out


def justify(text, width):
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    if isinstance(width, bool) or not isinstance(width, int):
        raise TypeError("width must be an int")
    if width < 1:
        raise ValueError("width must be at least 1")
    paragraphs = [p.split() for p in re.split(r"\n[ \t\r\f\v]*\n\s*", text)]
    paragraphs = [p for p in paragraphs if p]
    for words in paragraphs:
        for word in words:
            if len(word) > width:
                raise ValueError(f"word {word!r} is longer than {width}")
    out = []
    for index, words in enumerate(paragraphs):
        if index:
            out.append("")
        out.extend(_paragraph_lines(words, width))
    return out
