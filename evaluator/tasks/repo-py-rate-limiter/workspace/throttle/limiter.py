from collections import OrderedDict

from .bucket import TokenBucket
from .clock import MonotonicClock


class KeyedLimiter:
    def __init__(self, capacity, rate, clock=None, max_keys=10000, buckets=OrderedDict()):
        if not isinstance(max_keys, int) or max_keys < 1:
            raise ValueError("max_keys must be a positive integer")
        self.capacity = capacity
        self.rate = rate
        self.clock = clock or MonotonicClock()
        self.max_keys = max_keys
        self._buckets = buckets
        TokenBucket(capacity, rate, self.clock)  # validates the arguments

    def _bucket(self, key):
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = TokenBucket(self.capacity, self.rate, self.clock)
            self._buckets[key] = bucket
            while len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        self._buckets.move_to_end(key)
        return bucket

    def allow(self, key, cost=1):
        return self._bucket(key).try_take(cost)

    def retry_after(self, key, cost=1):
        return self._bucket(key).retry_after(cost)

    def keys(self):
        return list(self._buckets)
