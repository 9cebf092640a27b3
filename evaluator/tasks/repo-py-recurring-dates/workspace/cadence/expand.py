from datetime import timedelta


def _candidates(rule):
    """Unbounded increasing dates of the rule, from its start."""
    k = 0
    while True:
        if rule.freq == "daily":
            yield rule.start + timedelta(days=k * rule.interval)
        elif rule.freq == "weekly":
            yield rule.start + timedelta(weeks=k * rule.interval)
        else:
            months = rule.start.month - 1 + k * rule.interval
            yield rule.start.replace(year=rule.start.year + months // 12, month=months % 12 + 1)
        k += 1


def occurrences(rule):
    produced = 0
    for day in _candidates(rule):
        if rule.until is not None and day >= rule.until:
            return
        if rule.count is not None and produced >= rule.count:
            return
        produced += 1
        yield day


def occurrences_between(rule, first, last):
    result = []
    for day in occurrences(rule):
        if day > last:
            break
        if day >= first:
            result.append(day)
    return result
