ALL = frozenset(range(1, 10))


def _validate(grid):
    if not isinstance(grid, list) or len(grid) != 9:
        raise TypeError("grid must be a list of 9 rows")
    for row in grid:
        if not isinstance(row, list) or len(row) != 9:
            raise TypeError("every row must be a list of 9 ints")
        for v in row:
            if isinstance(v, bool) or not isinstance(v, int):
                raise TypeError("cells must be ints")
            if not 0 <= v <= 9:
                raise ValueError("cells must be in 0..9")


def _search(cells, found, limit):
    """cells: flat list of 81 ints. Appends solutions to `found` until `limit`."""
    rows = [set() for _ in range(9)]
    cols = [set() for _ in range(9)]
    boxes = [set() for _ in range(9)]
    empty = []
    for i, v in enumerate(cells):
        r, c = divmod(i, 9)
        b = (r // 3) * 3 + c // 3
        if v:
            if v in rows[r] or v in cols[c] or v in boxes[b]:
                return
            rows[r].add(v)
            cols[c].add(v)
            boxes[b].add(v)
        else:
            empty.append((i, r, c, b))

    def recurse():
        if not empty:
            found.append(list(cells))
            return len(found) >= limit
        best = None
        best_options = None
        for k, (i, r, c, b) in enumerate(empty):
            options = ALL - rows[r] - cols[c] - boxes[b]
            if best is None or len(options) < len(best_options):
                best, best_options = k, options
                if len(options) <= 1:
                    break
        i, r, c, b = empty.pop(best)
        for v in sorted(best_options):
            cells[i] = v
            rows[r].add(v)
            cols[c].add(v)
            boxes[b].add(v)
            if recurse():
                return True
            rows[r].discard(v)
            cols[c].discard(v)
            boxes[b].discard(v)
        cells[i] = 0
        empty.insert(best, (i, r, c, b))
        return False

    recurse()


def solve(grid):
    _validate(grid)
    found = []
    _search([v for row in grid for v in row], found, 1)
    if not found:
        return None
    flat = found[0]
    return [flat[r * 9:(r + 1) * 9] for r in range(9)]


def count_solutions(grid, limit=2):
    _validate(grid)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise ValueError("limit must be an int >= 1")
    found = []
    _search([v for row in grid for v in row], found, limit)
    return len(found)
