import heapq
import math


def _graph(roads):
    graph = {}
    for road in roads:
        if not isinstance(road, (tuple, list)) or len(road) != 3:
            raise ValueError(f"road {road!r} must be (a, b, cost)")
        a, b, cost = road
        if not isinstance(a, str) or not isinstance(b, str):
            raise ValueError(f"places must be strings in {road!r}")
        if isinstance(cost, bool) or not isinstance(cost, (int, float)) or math.isnan(cost) or cost < 0:
            raise ValueError(f"bad cost in {road!r}")
        for x, y in ((a, b), (b, a)):
            neighbours = graph.setdefault(x, {})
            if y not in neighbours or cost < neighbours[y]:
                neighbours[y] = cost
    return graph


def shortest_route(roads, start, goal, avoid=()):
    graph = _graph(roads)
    blocked = set(avoid)
    if start in blocked or goal in blocked:
        return None
    if start == goal:
        return (0, [start])
    # Keys (cost, hops, path) compare exactly as the tie-breaking rules ask, and they keep
    # optimal substructure: equal hops means equal-length prefixes decide the path order.
    best = {start: (0, 0, [start])}
    heap = [(0, 0, [start])]
    done = set()
    while heap:
        cost, hops, path = heapq.heappop(heap)
        node = path[-1]
        if node in done:
            continue
        done.add(node)
        if node == goal:
            return (cost, path)
        for neighbour, step in graph.get(node, {}).items():
            if neighbour in blocked or neighbour in done:
                continue
            key = (cost + step, hops + 1, path + [neighbour])
            if neighbour not in best or key < best[neighbour]:
                best[neighbour] = key
                heapq.heappush(heap, key)
    return None
