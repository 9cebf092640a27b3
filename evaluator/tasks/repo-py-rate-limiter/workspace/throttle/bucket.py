from .clock import MonotonicClock


def _positive(name, value):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return value


class TokenBucket:
    def __init__(self, capacity, rate, clock=None):
        self.capacity = _positive("capacity", capacity)
        self.rate = _positive("rate", rate)
        self.clock = clock or MonotonicClock()
        self._tokens = float(capacity)
        self._last = self.clock.now()

    def _refill(self):
        now = self.clock.now()
        added = int((now - self._last) * self.rate)
        self._tokens = min(self.capacity, self._tokens + added)
        self._last = now

    @property
    def tokens(self):
        self._refill()
        return self._tokens

    def try_take(self, cost=1):
        self._refill()
        if cost <= self._tokens:
            self._tokens -= cost
            return True
        return False

    def retry_after(self, cost=1):
        self._refill()
        missing = cost - self._tokens
        return 0.0 if missing <= 0 else missing / self.rate
