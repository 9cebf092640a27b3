import heapq


def shortest_path(graph, source, target):
    graph.check(source)
    graph.check(target)
    dist = {source: 0}
    prev = {}
    heap = [(0, source)]
    seen = set()
    while heap:
        d, u = heapq.heappop(heap)
        if u in seen:
            continue
        seen.add(u)
        if u == target:
            break
        for v, w in graph.neighbors(u):
            nd = d + w
            if v not in dist or nd < dist[v]:
                dist[v] = nd
                prev[v] = u
                heapq.heappush(heap, (nd, v))
    path = [target]
    while path[-1] != source:
        path.append(prev[path[-1]])
    return dist[target], path[::-1]
