from .graph import Graph


def _number(text, number):
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"line {number}: bad weight {text!r}") from None


def load_graph(text):
    graph = Graph()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) == 4 and parts[1] == "->":
            graph.add_edge(parts[0], parts[2], _number(parts[3], number), directed=True)
        elif len(parts) == 3:
            graph.add_edge(parts[0], parts[1], _number(parts[2], number))
        else:
            raise ValueError(f"line {number}: expected 'A B weight' or 'A -> B weight'")
    return graph
