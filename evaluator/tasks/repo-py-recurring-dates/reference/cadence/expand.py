import calendar
from datetime import timedelta


def _add_months(start, months):
    """start's day of month, `months` later, clamped to the length of the target month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return start.replace(year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1]))


def _candidates(rule):
    """Unbounded increasing dates of the rule, from its start."""
    if rule.freq == "weekly":
        weekdays = rule.weekdays or (rule.start.weekday(),)
        week = rule.start - timedelta(days=rule.start.weekday())  # Monday of the first active week
        while True:
            for weekday in weekdays:
                day = week + timedelta(days=weekday)
                if day >= rule.start:
                    yield day
            week += timedelta(weeks=rule.interval)
    k = 0
    while True:
        if rule.freq == "daily":
            yield rule.start + timedelta(days=k * rule.interval)
        else:
            # Always computed from start, so a clamped month does not shift later ones.
            yield _add_months(rule.start, k * rule.interval)
        k += 1


def occurrences(rule):
    produced = 0
    for day in _candidates(rule):
        if rule.until is not None and day > rule.until:
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
