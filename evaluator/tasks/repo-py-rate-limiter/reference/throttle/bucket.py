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
        # Continuous refill: fractions of a token accumulate between calls.
        self._tokens = min(float(self.capacity), self._tokens + (now - self._last) * self.rate)
        self._last = now

    @property
    def tokens(self):
        self._refill()
        return self._tokens

    def _check_cost(self, cost):
        _positive("cost", cost)
        if cost > self.capacity:
            raise ValueError(f"cost {cost} exceeds the bucket capacity {self.capacity}")

    def try_take(self, cost=1):
        self._check_cost(cost)
        self._refill()
        if cost <= self._tokens:
            self._tokens -= cost
            return True
        return False

    def retry_after(self, cost=1):
        self._check_cost(cost)
        self._refill()
        missing = cost - self._tokens
        return 0.0 if missing <= 0 else missing / self.rate
