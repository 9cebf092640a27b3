import unittest

from routes import Graph, UnknownNode, load_graph, shortest_path


class UnreachableTest(unittest.TestCase):
    def test_unreachable_target_returns_none(self):
        g = load_graph("A B 1\nC D 1\n")
        self.assertIsNone(shortest_path(g, "A", "D"))
        g2 = load_graph("A -> B 1\n")
        self.assertIsNone(shortest_path(g2, "B", "A"))
        self.assertEqual(shortest_path(g2, "A", "B"), (1, ["A", "B"]))
        lonely = Graph().add_node("X").add_node("Y")
        self.assertIsNone(shortest_path(lonely, "X", "Y"))
        self.assertEqual(shortest_path(lonely, "X", "X"), (0, ["X"]))
        with self.assertRaises(UnknownNode):
            shortest_path(g, "A", "Nowhere")


class TieBreakTest(unittest.TestCase):
    def test_fewest_edges_wins_among_equal_costs(self):
        g = load_graph("A B 1\nB C 1\nC D 1\nA Y 2\nY D 1\n")
        self.assertEqual(shortest_path(g, "A", "D"), (3, ["A", "Y", "D"]))
        g2 = load_graph("S T 2\nS M 1\nM T 1\n")
        self.assertEqual(shortest_path(g2, "S", "T"), (2, ["S", "T"]))

    def test_lexicographically_smallest_path_among_equal_cost_and_length(self):
        g = load_graph("A Q 1\nQ D 2\nA B 2\nB D 1\n")
        self.assertEqual(shortest_path(g, "A", "D"), (3, ["A", "B", "D"]))
        g2 = load_graph("S Z 1\nZ A 1\nA T 1\nS B 2\nB Z 0\nS C 1\nC A 1\n")
        self.assertEqual(shortest_path(g2, "S", "T"), (3, ["S", "C", "A", "T"]))


class EdgeRulesTest(unittest.TestCase):
    def test_negative_weights_are_rejected(self):
        g = Graph()
        with self.assertRaises(ValueError):
            g.add_edge("A", "B", -1)
        with self.assertRaises(ValueError):
            load_graph("A B -2\n")
        with self.assertRaises(ValueError):
            g.add_edge("A", "B", float("nan"))
        g.add_edge("A", "B", 0)
        self.assertEqual(g.neighbors("A"), [("B", 0)])

    def test_parallel_edges_keep_the_cheapest(self):
        g = load_graph("A B 5\nA B 2\nA B 7\n")
        self.assertEqual(g.neighbors("A"), [("B", 2)])
        self.assertEqual(g.neighbors("B"), [("A", 2)])
        g2 = load_graph("A B 5\nA -> B 1\nA B 3\n")
        self.assertEqual(g2.neighbors("A"), [("B", 1)])
        self.assertEqual(g2.neighbors("B"), [("A", 3)])
        self.assertEqual(shortest_path(g2, "B", "A"), (3, ["B", "A"]))
