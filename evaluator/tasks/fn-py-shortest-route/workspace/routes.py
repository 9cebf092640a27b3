def shortest_route(roads, start, goal, avoid=()):
    raise NotImplementedError
