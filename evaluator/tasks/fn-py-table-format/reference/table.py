def _text(value):
    return "" if value is None else str(value)


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _pad(text, width, how):
    extra = width - len(text)
    if how == "r":
        return " " * extra + text
    if how == "c":
        left = extra // 2
        return " " * left + text + " " * (extra - left)
    return text + " " * extra


def format_table(rows, headers=None, align=None):
    if not isinstance(rows, (list, tuple)):
        raise TypeError("rows must be a list or tuple")
    for row in rows:
        if not isinstance(row, (list, tuple)):
            raise TypeError("every row must be a list or tuple")
    if headers is None and not rows:
        return ""
    count = len(headers) if headers is not None else len(rows[0])
    for row in rows:
        if len(row) != count:
            raise ValueError(f"row {row!r} has {len(row)} values, expected {count}")
    if align is None:
        align = ""
        for c in range(count):
            values = [row[c] for row in rows if row[c] is not None]
            align += "r" if values and all(_is_number(v) for v in values) else "l"
    elif not isinstance(align, str) or len(align) != count or any(a not in "lrc" for a in align):
        raise ValueError("align must have one of l, r, c per column")
    text_rows = [[_text(v).split("\n") for v in row] for row in rows]
    header_cells = [_text(h).split("\n") for h in headers] if headers is not None else None
    widths = []
    for c in range(count):
        lines = [line for row in text_rows for line in row[c]]
        if header_cells is not None:
            lines += header_cells[c]
        widths.append(max([1] + [len(line) for line in lines]))
    border = "+" + "+".join("-" * (w + 2) for w in widths) + "+"

    def render(cells):
        height = max(len(cell) for cell in cells) if cells else 1
        out = []
        for i in range(height):
            parts = [_pad(cell[i] if i < len(cell) else "", widths[c], align[c]) for c, cell in enumerate(cells)]
            out.append("| " + " | ".join(parts) + " |")
        return out

    lines = [border]
    if header_cells is not None:
        lines += render(header_cells)
        lines.append(border)
    for row in text_rows:
        lines += render(row)
    lines.append(border)
    return "\n".join(lines)
