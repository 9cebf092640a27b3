import math

EPSILON = 1e-9


def _positive_number(value, name):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number")
    return value


class TokenBucket:
    def __init__(self, capacity, rate, now):
        self._capacity = _positive_number(capacity, "capacity")
        self._rate = _positive_number(rate, "rate")
        self._tokens = float(capacity)
        self._last = now

    def _advance(self, now):
        if now < self._last:
            raise ValueError("time went backwards")
        self._tokens = min(self._capacity, self._tokens + (now - self._last) * self._rate)
        self._last = now

    def _check_n(self, n):
        if isinstance(n, bool) or not isinstance(n, (int, float)) or not n > 0 or n > self._capacity:
            raise ValueError("n must be > 0 and <= capacity")

    def available(self, now):
        self._advance(now)
        return self._tokens

    def try_take(self, now, n=1):
        self._check_n(n)
        self._advance(now)
        if self._tokens + EPSILON >= n:
            self._tokens = max(self._tokens - n, 0.0) if abs(self._tokens - n) <= EPSILON else self._tokens - n
            return True
        return False

    def wait_time(self, now, n=1):
        self._check_n(n)
        self._advance(now)
        missing = n - self._tokens
        return 0.0 if missing <= EPSILON else missing / self._rate

    def take(self, now, n=1):
        if self.try_take(now, n):
            return 0.0
        self._tokens -= n
        return -self._tokens / self._rate
