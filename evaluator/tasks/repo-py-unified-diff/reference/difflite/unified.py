from .hunks import group_hunks
from .lcs import diff_ops

PREFIX = {"equal": " ", "delete": "-", "insert": "+"}


def format_range(start, count):
    """GNU style: the count is left out when it is 1."""
    return f"{start}" if count == 1 else f"{start},{count}"


def unified_diff(a, b, fromfile="a", tofile="b", context=3):
    hunks = group_hunks(diff_ops(a, b), context)
    if not hunks:
        return ""
    out = [f"--- {fromfile}\n", f"+++ {tofile}\n"]
    for h in hunks:
        out.append(f"@@ -{format_range(h.old_start, h.old_count)} +{format_range(h.new_start, h.new_count)} @@\n")
        out.extend(f"{PREFIX[tag]}{line}\n" for tag, line in h.lines)
    return "".join(out)
