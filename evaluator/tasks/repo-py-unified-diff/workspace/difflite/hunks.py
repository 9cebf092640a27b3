from collections import namedtuple

Hunk = namedtuple("Hunk", "old_start old_count new_start new_count lines")


def group_hunks(ops, context=3):
    if context < 0:
        raise ValueError("context must be >= 0")
    # Runs of adjacent changed ops.
    runs = []
    for index, (tag, _) in enumerate(ops):
        if tag == "equal":
            continue
        if runs and runs[-1][1] == index:
            runs[-1][1] = index + 1
        else:
            runs.append([index, index + 1])

    hunks = []
    for first, last in runs:
        lo = max(0, first - context)
        hi = min(len(ops), last + context)
        old_before = sum(1 for tag, _ in ops[:lo] if tag != "insert")
        new_before = sum(1 for tag, _ in ops[:lo] if tag != "delete")
        lines = ops[lo:hi]
        old_count = sum(1 for tag, _ in lines if tag != "insert")
        new_count = sum(1 for tag, _ in lines if tag != "delete")
        hunks.append(Hunk(old_before + 1, old_count, new_before + 1, new_count, list(lines)))
    return hunks
