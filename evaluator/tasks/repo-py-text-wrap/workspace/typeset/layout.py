import re

from .wrap import check_width, wrap


def fill(text, width):
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join("\n".join(wrap(p, width)) for p in paragraphs)


def center(text, width):
    check_width(width)
    if len(text) >= width:
        return text
    left = (width - len(text)) // 2
    return " " * left + text + " " * (width - len(text) - left)
