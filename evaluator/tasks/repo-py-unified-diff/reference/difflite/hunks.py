from collections import namedtuple

Hunk = namedtuple("Hunk", "old_start old_count new_start new_count lines")


def group_hunks(ops, context=3):
    if context < 0:
        raise ValueError("context must be >= 0")
    changed = [index for index, (tag, _) in enumerate(ops) if tag != "equal"]
    # Merge changes whose context would touch or overlap: at most 2*context equal lines apart.
    groups = []
    for index in changed:
        if groups and index - groups[-1][1] <= 2 * context + 1:
            groups[-1][1] = index
        else:
            groups.append([index, index])

    hunks = []
    for first, last in groups:
        lo = max(0, first - context)
        hi = min(len(ops), last + 1 + context)
        old_before = sum(1 for tag, _ in ops[:lo] if tag != "insert")
        new_before = sum(1 for tag, _ in ops[:lo] if tag != "delete")
        lines = ops[lo:hi]
        old_count = sum(1 for tag, _ in lines if tag != "insert")
        new_count = sum(1 for tag, _ in lines if tag != "delete")
        # GNU convention: an empty range starts at the line before it (0 at the top of the file).
        old_start = old_before + 1 if old_count else old_before
        new_start = new_before + 1 if new_count else new_before
        hunks.append(Hunk(old_start, old_count, new_start, new_count, list(lines)))
    return hunks
