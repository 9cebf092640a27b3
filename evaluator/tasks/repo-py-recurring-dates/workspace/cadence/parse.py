import re
from datetime import date

from .rules import Rule, RuleError

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
UNITS = {"day": "daily", "days": "daily", "week": "weekly", "weeks": "weekly", "month": "monthly", "months": "monthly"}
PATTERN = re.compile(
    r"^every(?: (?P<n>\d+))? (?P<unit>days?|weeks?|months?)"
    r"(?: on (?P<on>[a-z,]+))? from (?P<start>\d{4}-\d{2}-\d{2})"
    r"(?: until (?P<until>\d{4}-\d{2}-\d{2}))?(?: count (?P<count>\d+))?$"
)


def parse_rule(text):
    m = PATTERN.match(" ".join(text.lower().split()))
    if not m:
        raise RuleError(f"cannot parse rule: {text!r}")
    weekdays = None
    if m["on"]:
        try:
            weekdays = tuple(DAYS.index(d) for d in m["on"].split(","))
        except ValueError:
            raise RuleError(f"unknown weekday in {m['on']!r}") from None
    try:
        start = date.fromisoformat(m["start"])
        until = date.fromisoformat(m["until"]) if m["until"] else None
    except ValueError as e:
        raise RuleError(str(e)) from None
    return Rule(
        UNITS[m["unit"]],
        start,
        interval=int(m["n"] or 1),
        weekdays=weekdays,
        count=int(m["count"]) if m["count"] else None,
        until=until,
    )
