import heapq


def shortest_path(graph, source, target):
    """Cheapest path; ties go to the fewest edges, then the lexicographically smallest path.

    Heap entries are (cost, edges, path): popping the smallest entry settles each node with its
    best (cost, edges, path) key, since extending a path preserves the order of these keys.
    """
    graph.check(source)
    graph.check(target)
    heap = [(0, 0, [source])]
    settled = set()
    while heap:
        cost, edges, path = heapq.heappop(heap)
        node = path[-1]
        if node in settled:
            continue
        settled.add(node)
        if node == target:
            return cost, path
        for neighbor, weight in graph.neighbors(node):
            if neighbor not in settled:
                heapq.heappush(heap, (cost + weight, edges + 1, path + [neighbor]))
    return None
