def merge_intervals(intervals):
    raise NotImplementedError


def total_covered(intervals):
    raise NotImplementedError
