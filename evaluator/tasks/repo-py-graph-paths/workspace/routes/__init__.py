from .dijkstra import shortest_path
from .errors import UnknownNode
from .graph import Graph
from .loader import load_graph

__all__ = ["Graph", "UnknownNode", "load_graph", "shortest_path"]
