import re

HEADER = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


class PatchError(Exception):
    pass


def _parse(diff_text):
    hunks = []
    current = None
    for line in diff_text.splitlines():
        if line.startswith("--- ") or line.startswith("+++ "):
            continue
        m = HEADER.match(line)
        if m:
            old_start, old_count = int(m[1]), int(m[2]) if m[2] is not None else 1
            current = {"old_start": old_start, "old_count": old_count, "lines": []}
            hunks.append(current)
        elif current is not None and line[:1] in (" ", "-", "+"):
            current["lines"].append((line[0], line[1:]))
        elif line:
            raise PatchError(f"unexpected line in patch: {line!r}")
    return hunks


def apply_patch(a, diff_text):
    result = []
    pos = 0  # next line of `a` to copy
    for hunk in _parse(diff_text):
        # GNU convention: an empty old range names the line *after which* the hunk applies.
        begin = hunk["old_start"] if hunk["old_count"] == 0 else hunk["old_start"] - 1
        if begin < pos or begin > len(a):
            raise PatchError(f"hunk at line {hunk['old_start']} is out of order or out of range")
        result.extend(a[pos:begin])
        pos = begin
        for tag, text in hunk["lines"]:
            if tag in " -":
                if pos >= len(a) or a[pos] != text:
                    raise PatchError(f"patch does not match line {pos + 1}: expected {text!r}")
                pos += 1
            if tag in " +":
                result.append(text)
    result.extend(a[pos:])
    return result
