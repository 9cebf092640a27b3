import unittest

from throttle import ManualClock, TokenBucket


class BucketTest(unittest.TestCase):
    def test_take(self):
        bucket = TokenBucket(10, 2.0, ManualClock())
        self.assertTrue(bucket.try_take())
        self.assertTrue(bucket.try_take(cost=5))
        self.assertEqual(bucket.tokens, 4.0)
