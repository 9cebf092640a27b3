import unittest

from bucket import TokenBucket


class BucketTest(unittest.TestCase):
    def test_starts_full_and_drains(self):
        b = TokenBucket(3, 1, now=100)
        self.assertEqual(b.available(100), 3)
        self.assertTrue(b.try_take(100))
        self.assertTrue(b.try_take(100, 2))
        self.assertFalse(b.try_take(100))
        self.assertEqual(b.available(100), 0)

    def test_refill_and_cap(self):
        b = TokenBucket(10, 2, now=0)
        self.assertTrue(b.try_take(0, 10))
        self.assertAlmostEqual(b.available(1.5), 3)
        self.assertAlmostEqual(b.available(2.25), 4.5)
        self.assertAlmostEqual(b.available(1000), 10)
        self.assertTrue(b.try_take(1000, 10))
        self.assertFalse(b.try_take(1000.25, 1))
        self.assertTrue(b.try_take(1000.5, 1))

    def test_failed_take_takes_nothing(self):
        b = TokenBucket(5, 1, now=0)
        b.try_take(0, 4)
        self.assertFalse(b.try_take(0, 2))
        self.assertAlmostEqual(b.available(0), 1)
        self.assertTrue(b.try_take(1, 2))

    def test_wait_time(self):
        b = TokenBucket(4, 0.5, now=10)
        self.assertEqual(b.wait_time(10, 4), 0)
        b.try_take(10, 4)
        self.assertAlmostEqual(b.wait_time(10, 1), 2)
        self.assertAlmostEqual(b.wait_time(11, 1), 1)
        self.assertAlmostEqual(b.wait_time(11, 3), 5)
        self.assertAlmostEqual(b.available(11), 0.5)

    def test_floating_point_tolerance(self):
        b = TokenBucket(1, 0.1, now=0)
        self.assertTrue(b.try_take(0))
        t = 0.0
        for _ in range(10):
            t += 1
            b.available(t)
        self.assertTrue(b.try_take(t, 1))
        c = TokenBucket(1, 3, now=0)
        c.try_take(0)
        self.assertEqual(c.wait_time(0.1 + 0.2 + 0.1 / 3 - 0.1 / 3, 0.9), 0)
        d = TokenBucket(1, 10, now=0)
        d.try_take(0)
        self.assertTrue(d.try_take(0.1, 1))

    def test_take_on_credit(self):
        b = TokenBucket(2, 1, now=0)
        self.assertEqual(b.take(0, 2), 0)
        self.assertAlmostEqual(b.take(0, 2), 2)
        self.assertAlmostEqual(b.available(0), -2)
        self.assertFalse(b.try_take(1, 1))
        self.assertAlmostEqual(b.wait_time(1, 1), 2)
        self.assertAlmostEqual(b.take(1, 1), 2)
        self.assertAlmostEqual(b.available(3), 0)
        self.assertTrue(b.try_take(4, 1))

    def test_same_time_is_fine_backwards_is_not(self):
        b = TokenBucket(1, 1, now=5)
        b.available(5)
        b.available(5)
        with self.assertRaises(ValueError):
            b.available(4.999)
        with self.assertRaises(ValueError):
            b.try_take(4)
        with self.assertRaises(ValueError):
            b.wait_time(0)

    def test_validation(self):
        for capacity, rate in [(0, 1), (1, 0), (-1, 1), (1, -2), (True, 1), (1, float("nan")), (float("inf"), 1), ("3", 1)]:
            with self.assertRaises(ValueError, msg=repr((capacity, rate))):
                TokenBucket(capacity, rate, now=0)
        b = TokenBucket(3, 1, now=0)
        for n in [0, -1, 4, 3.5]:
            with self.assertRaises(ValueError):
                b.try_take(0, n)
            with self.assertRaises(ValueError):
                b.wait_time(0, n)
            with self.assertRaises(ValueError):
                b.take(0, n)
        self.assertAlmostEqual(b.available(0), 3)

    def test_float_capacity(self):
        b = TokenBucket(2.5, 1, now=0)
        self.assertTrue(b.try_take(0, 2.5))
        self.assertFalse(b.try_take(0.5, 1))
        self.assertTrue(b.try_take(1, 1))


if __name__ == "__main__":
    unittest.main()
