import unittest

from throttle import KeyedLimiter, ManualClock, MonotonicClock, TokenBucket


class ExistingTest(unittest.TestCase):
    def test_bucket_basics(self):
        clock = ManualClock(100)
        bucket = TokenBucket(10, 2.0, clock)
        self.assertEqual(bucket.tokens, 10.0)
        self.assertTrue(bucket.try_take(4))
        self.assertFalse(bucket.try_take(7))
        self.assertEqual(bucket.tokens, 6.0)
        clock.advance(1)
        self.assertEqual(bucket.tokens, 8.0)
        clock.advance(60)
        self.assertEqual(bucket.tokens, 10.0)
        self.assertEqual(bucket.retry_after(), 0.0)
        bucket.try_take(10)
        self.assertEqual(bucket.retry_after(4), 2.0)
        for bad in ((0, 1), (1, 0), (-1, 1), ("5", 1), (5, None)):
            with self.assertRaises(ValueError):
                TokenBucket(*bad, clock=clock)

    def test_keyed_limiter(self):
        clock = ManualClock()
        limiter = KeyedLimiter(2, 1, clock=clock, max_keys=2)
        self.assertTrue(limiter.allow("a"))
        self.assertTrue(limiter.allow("a"))
        self.assertFalse(limiter.allow("a"))
        self.assertEqual(limiter.retry_after("a"), 1.0)
        limiter.allow("b")
        limiter.allow("a")
        limiter.allow("c")
        self.assertEqual(limiter.keys(), ["a", "c"])
        with self.assertRaises(ValueError):
            KeyedLimiter(1, 1, max_keys=0)

    def test_clocks(self):
        c = ManualClock(5)
        self.assertEqual(c.advance(2.5), 7.5)
        with self.assertRaises(ValueError):
            c.advance(-1)
        self.assertIsInstance(MonotonicClock().now(), float)
