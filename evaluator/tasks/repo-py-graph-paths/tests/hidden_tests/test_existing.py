import unittest

from routes import Graph, UnknownNode, load_graph, shortest_path

MAP = """
# depot roads
Depot Mill 4
Mill Farm 3   # gravel
Depot -> Farm 9
Farm Lake 2.5

Lake Depot 20
"""


class ExistingTest(unittest.TestCase):
    def test_loading(self):
        g = load_graph(MAP)
        self.assertEqual(g.nodes(), ["Depot", "Farm", "Lake", "Mill"])
        self.assertEqual(g.neighbors("Depot"), [("Farm", 9), ("Lake", 20), ("Mill", 4)])
        self.assertEqual(g.neighbors("Farm"), [("Lake", 2.5), ("Mill", 3)])
        for bad, line in (("A B\n", 1), ("A B 1\nA B x\n", 2), ("A => B 1\n", 1)):
            with self.assertRaises(ValueError) as ctx:
                load_graph(bad)
            self.assertIn(f"line {line}", str(ctx.exception))
        with self.assertRaises(TypeError):
            Graph().add_edge("A", "B", "3")

    def test_paths(self):
        g = load_graph(MAP)
        self.assertEqual(shortest_path(g, "Depot", "Farm"), (7, ["Depot", "Mill", "Farm"]))
        self.assertEqual(shortest_path(g, "Depot", "Lake"), (9.5, ["Depot", "Mill", "Farm", "Lake"]))
        self.assertEqual(shortest_path(g, "Farm", "Depot"), (7, ["Farm", "Mill", "Depot"]))
        self.assertEqual(shortest_path(g, "Mill", "Mill"), (0, ["Mill"]))
        with self.assertRaises(UnknownNode):
            shortest_path(g, "Nowhere", "Mill")
        with self.assertRaises(KeyError):
            g.neighbors("Nowhere")
