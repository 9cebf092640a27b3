import unittest

from routes import load_graph, shortest_path


class RoutesTest(unittest.TestCase):
    def test_readme(self):
        g = load_graph("Depot Mill 4\nMill Farm 3\nDepot -> Farm 9\n")
        self.assertEqual(shortest_path(g, "Depot", "Farm"), (7, ["Depot", "Mill", "Farm"]))
