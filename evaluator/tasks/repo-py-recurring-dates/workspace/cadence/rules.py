from dataclasses import dataclass
from datetime import date

FREQS = ("daily", "weekly", "monthly")


class RuleError(ValueError):
    pass


@dataclass(frozen=True)
class Rule:
    freq: str
    start: date
    interval: int = 1
    weekdays: tuple = None
    count: int = None
    until: date = None

    def __post_init__(self):
        if self.freq not in FREQS:
            raise RuleError(f"freq must be one of {FREQS}, got {self.freq!r}")
        if not isinstance(self.start, date):
            raise RuleError("start must be a date")
        if not isinstance(self.interval, int) or self.interval < 1:
            raise RuleError("interval must be a positive integer")
        if self.weekdays is not None:
            if self.freq != "weekly":
                raise RuleError("weekdays are only allowed for weekly rules")
            if not self.weekdays or any(d not in range(7) for d in self.weekdays):
                raise RuleError("weekdays must be numbers 0-6")
            object.__setattr__(self, "weekdays", tuple(sorted(set(self.weekdays))))
        if self.count is not None and (not isinstance(self.count, int) or self.count < 1):
            raise RuleError("count must be a positive integer")
        if self.until is not None and self.until < self.start:
            raise RuleError("until is before start")
