import math


def _validate(intervals):
    if not isinstance(intervals, (list, tuple)):
        raise TypeError("intervals must be a list or tuple")
    checked = []
    for item in intervals:
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise TypeError(f"interval {item!r} must be a pair")
        start, end = item
        for x in (start, end):
            if isinstance(x, bool) or not isinstance(x, (int, float)):
                raise TypeError(f"endpoint {x!r} is not a number")
            if isinstance(x, float) and math.isnan(x):
                raise ValueError("endpoints must not be NaN")
        if start > end:
            raise ValueError(f"interval {item!r} starts after it ends")
        checked.append((start, end))
    return checked


def merge_intervals(intervals):
    merged = []
    for start, end in sorted(_validate(intervals)):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def total_covered(intervals):
    return sum(end - start for start, end in merge_intervals(intervals))
