import unittest

from flatten import flatten, unflatten


class FlattenTest(unittest.TestCase):
    def test_example(self):
        data = {"a": {"b": 1, "c": [10, {"d": None}]}, "e": ()}
        self.assertEqual(flatten(data), {"a.b": 1, "a.c.0": 10, "a.c.1.d": None, "e": ()})

    def test_order(self):
        data = {"z": {"y": 1, "x": 2}, "a": [3, 4]}
        self.assertEqual(list(flatten(data)), ["z.y", "z.x", "a.0", "a.1"])

    def test_empty_containers_are_leaves(self):
        self.assertEqual(flatten({"a": {}, "b": [], "c": {"d": ()}}), {"a": {}, "b": [], "c.d": ()})
        self.assertEqual(flatten({}), {})

    def test_keys_converted_and_leaves_not_copied(self):
        leaf = {1, 2}
        result = flatten({1: {None: "x"}, "s": leaf, "t": (("p", "q"),)})
        self.assertEqual(result, {"1.None": "x", "s": leaf, "t.0.0": "p", "t.0.1": "q"})
        self.assertIs(result["s"], leaf)

    def test_custom_sep(self):
        self.assertEqual(flatten({"a": {"b": [1]}}, sep="/"), {"a/b/0": 1})
        self.assertEqual(flatten({"a": {"b": 1}}, sep="::"), {"a::b": 1})

    def test_collision(self):
        with self.assertRaises(ValueError):
            flatten({"a.b": 1, "a": {"b": 2}})
        with self.assertRaises(ValueError):
            flatten({"a": [5], "a.0": 1})

    def test_errors(self):
        with self.assertRaises(TypeError):
            flatten([1, 2])
        with self.assertRaises(TypeError):
            flatten(None)
        with self.assertRaises(ValueError):
            flatten({"a": 1}, sep="")
        with self.assertRaises(ValueError):
            flatten({"a": 1}, sep=None)


class UnflattenTest(unittest.TestCase):
    def test_basic(self):
        self.assertEqual(unflatten({"a.b": 1, "a.c": 2, "d": 3}), {"a": {"b": 1, "c": 2}, "d": 3})
        self.assertEqual(unflatten({}), {})
        self.assertEqual(unflatten({"x/y/z": 0}, sep="/"), {"x": {"y": {"z": 0}}})
        self.assertEqual(unflatten({"a.0": "p", "a.1": "q"}), {"a": {"0": "p", "1": "q"}})

    def test_round_trip_for_dicts(self):
        data = {"a": {"b": {"c": 1, "d": {"x": "y", "z": 2.5}}, "e": "x"}, "f": None}
        self.assertEqual(unflatten(flatten(data)), data)

    def test_conflicts(self):
        with self.assertRaises(ValueError):
            unflatten({"a": 1, "a.b": 2})
        with self.assertRaises(ValueError):
            unflatten({"a.b": 2, "a": 1})
        with self.assertRaises(ValueError):
            unflatten({"a.b.c": 2, "a.b": 1})

    def test_input_not_modified(self):
        flat = {"a.b": {"keep": 1}}
        unflatten(flat)
        self.assertEqual(flat, {"a.b": {"keep": 1}})

    def test_errors(self):
        with self.assertRaises(TypeError):
            unflatten([("a", 1)])
        with self.assertRaises(TypeError):
            unflatten({1: "x"})
        with self.assertRaises(ValueError):
            unflatten({"a": 1}, sep="")


if __name__ == "__main__":
    unittest.main()
