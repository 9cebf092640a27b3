import unittest

from routes import shortest_route

ROADS = [
    ("home", "bakery", 4), ("home", "park", 2), ("park", "bakery", 1),
    ("bakery", "office", 5), ("park", "office", 8), ("office", "gym", 3),
    ("gym", "home", 20), ("lake", "cabin", 1),
]


class RouteTest(unittest.TestCase):
    def test_basic(self):
        self.assertEqual(shortest_route(ROADS, "home", "office"), (8, ["home", "park", "bakery", "office"]))
        self.assertEqual(shortest_route(ROADS, "office", "home"), (8, ["office", "bakery", "park", "home"]))
        self.assertEqual(shortest_route(ROADS, "home", "gym"), (11, ["home", "park", "bakery", "office", "gym"]))

    def test_unreachable_and_unknown(self):
        self.assertIsNone(shortest_route(ROADS, "home", "lake"))
        self.assertIsNone(shortest_route(ROADS, "home", "mars"))
        self.assertIsNone(shortest_route(ROADS, "mars", "home"))
        self.assertEqual(shortest_route(ROADS, "lake", "cabin"), (1, ["lake", "cabin"]))

    def test_same_place(self):
        self.assertEqual(shortest_route(ROADS, "home", "home"), (0, ["home"]))
        self.assertEqual(shortest_route([], "nowhere", "nowhere"), (0, ["nowhere"]))
        self.assertIsNone(shortest_route(ROADS, "home", "home", avoid={"home"}))

    def test_avoid(self):
        self.assertEqual(shortest_route(ROADS, "home", "office", avoid={"bakery"}), (10, ["home", "park", "office"]))
        self.assertEqual(shortest_route(ROADS, "home", "office", avoid=["bakery", "park"]), (23, ["home", "gym", "office"]))
        self.assertIsNone(shortest_route(ROADS, "home", "office", avoid=("office",)))
        self.assertIsNone(shortest_route(ROADS, "home", "office", avoid={"bakery", "park", "gym"}))

    def test_parallel_roads_and_loops(self):
        roads = [("a", "b", 5), ("a", "b", 2), ("b", "b", 0), ("b", "c", 1)]
        self.assertEqual(shortest_route(roads, "a", "c"), (3, ["a", "b", "c"]))

    def test_fewest_roads_breaks_cost_ties(self):
        roads = [("s", "a", 1), ("a", "b", 1), ("b", "t", 1), ("s", "z", 2), ("z", "t", 1)]
        self.assertEqual(shortest_route(roads, "s", "t"), (3, ["s", "z", "t"]))
        zero = [("s", "x", 0), ("x", "t", 0), ("s", "t", 0)]
        self.assertEqual(shortest_route(zero, "s", "t"), (0, ["s", "t"]))

    def test_lexicographic_path_breaks_remaining_ties(self):
        roads = [("s", "m", 1), ("m", "t", 1), ("s", "c", 1), ("c", "t", 1), ("s", "q", 1), ("q", "t", 1)]
        self.assertEqual(shortest_route(roads, "s", "t"), (2, ["s", "c", "t"]))
        deeper = [("s", "b", 1), ("b", "z", 1), ("z", "t", 1), ("s", "c", 1), ("c", "a", 1), ("a", "t", 1)]
        self.assertEqual(shortest_route(deeper, "s", "t"), (3, ["s", "b", "z", "t"]))
        upper = [("s", "a", 1), ("a", "t", 1), ("s", "B", 1), ("B", "t", 1)]
        self.assertEqual(shortest_route(upper, "s", "t"), (2, ["s", "B", "t"]))

    def test_float_costs(self):
        roads = [("a", "b", 0.5), ("b", "c", 0.25), ("a", "c", 1.0)]
        self.assertEqual(shortest_route(roads, "a", "c"), (0.75, ["a", "b", "c"]))

    def test_large_grid(self):
        n = 100
        roads = []
        for r in range(n):
            for c in range(n):
                if c + 1 < n:
                    roads.append((f"{r:03d},{c:03d}", f"{r:03d},{c + 1:03d}", 1))
                if r + 1 < n:
                    roads.append((f"{r:03d},{c:03d}", f"{r + 1:03d},{c:03d}", 1))
        cost, path = shortest_route(roads, "000,000", "099,099")
        self.assertEqual(cost, 198)
        self.assertEqual(len(path), 199)
        # lexicographically smallest among the many equal routes: along row 000 first ("000,001" < "001,000")
        self.assertEqual(path[1], "000,001")
        self.assertEqual(path[99], "000,099")
        self.assertEqual(path[100], "001,099")

    def test_errors(self):
        for roads in [[("a", "b")], [("a", "b", -1)], [("a", "b", float("nan"))], [("a", 1, 2)],
                      [("a", "b", True)], [("a", "b", "3")], ["abc"]]:
            with self.assertRaises(ValueError, msg=repr(roads)):
                shortest_route(roads, "a", "b")


if __name__ == "__main__":
    unittest.main()
