import unittest

from throttle import KeyedLimiter, ManualClock, TokenBucket


class FractionalRefillTest(unittest.TestCase):
    def test_slow_rates_refill_across_calls(self):
        clock = ManualClock()
        bucket = TokenBucket(capacity=1, rate=0.5, clock=clock)
        self.assertTrue(bucket.try_take())
        clock.advance(1)
        self.assertFalse(bucket.try_take())
        clock.advance(1)
        self.assertTrue(bucket.try_take())

    def test_tokens_are_fractional(self):
        clock = ManualClock()
        bucket = TokenBucket(capacity=10, rate=4, clock=clock)
        bucket.try_take(10)
        clock.advance(0.25)
        self.assertAlmostEqual(bucket.tokens, 1.0)
        clock.advance(0.125)
        self.assertAlmostEqual(bucket.tokens, 1.5)
        for _ in range(3):
            clock.advance(0.1)
            bucket.tokens
        self.assertAlmostEqual(bucket.tokens, 2.7)
        clock.advance(100)
        self.assertEqual(bucket.tokens, 10)

    def test_frequent_polling_does_not_starve(self):
        clock = ManualClock()
        bucket = TokenBucket(capacity=2, rate=1, clock=clock)
        bucket.try_take(2)
        granted = 0
        for _ in range(80):
            clock.advance(0.125)
            if bucket.try_take():
                granted += 1
        self.assertEqual(granted, 10)

    def test_retry_after_uses_fractions(self):
        clock = ManualClock()
        bucket = TokenBucket(capacity=5, rate=2, clock=clock)
        bucket.try_take(5)
        clock.advance(0.3)
        self.assertAlmostEqual(bucket.retry_after(1), 0.2)
        self.assertAlmostEqual(bucket.retry_after(3), 1.2)
        clock.advance(0.2)
        self.assertEqual(bucket.retry_after(1), 0.0)


class CostValidationTest(unittest.TestCase):
    def test_bad_costs(self):
        bucket = TokenBucket(capacity=3, rate=1, clock=ManualClock())
        for bad in (4, 0, -1, "1", True):
            with self.assertRaises(ValueError, msg=repr(bad)):
                bucket.try_take(bad)
        with self.assertRaises(ValueError):
            bucket.retry_after(3.5)
        self.assertEqual(bucket.tokens, 3.0)
        self.assertTrue(bucket.try_take(2.5))
        limiter = KeyedLimiter(3, 1, clock=ManualClock())
        with self.assertRaises(ValueError):
            limiter.allow("k", 10)


class IndependentLimitersTest(unittest.TestCase):
    def test_limiters_do_not_share_buckets(self):
        clock = ManualClock()
        first = KeyedLimiter(1, 1, clock=clock)
        second = KeyedLimiter(1, 1, clock=clock)
        self.assertTrue(first.allow("user"))
        self.assertTrue(second.allow("user"))
        self.assertEqual(second.keys(), ["user"])
        third = KeyedLimiter(5, 1, clock=clock)
        self.assertEqual(third.keys(), [])
        for _ in range(5):
            self.assertTrue(third.allow("user"))
        self.assertFalse(third.allow("user"))
