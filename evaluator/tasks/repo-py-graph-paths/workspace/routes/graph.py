from .errors import UnknownNode


class Graph:
    def __init__(self):
        self._adj = {}

    def add_node(self, name):
        self._adj.setdefault(name, {})
        return self

    def add_edge(self, u, v, weight, directed=False):
        if isinstance(weight, bool) or not isinstance(weight, (int, float)):
            raise TypeError(f"weight must be a number, got {weight!r}")
        self.add_node(u).add_node(v)
        self._adj[u][v] = weight
        if not directed:
            self._adj[v][u] = weight
        return self

    def has(self, name):
        return name in self._adj

    def check(self, name):
        if name not in self._adj:
            raise UnknownNode(name)

    def neighbors(self, u):
        self.check(u)
        return sorted(self._adj[u].items())

    def nodes(self):
        return sorted(self._adj)
