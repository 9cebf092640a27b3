def diff_ops(a, b):
    """Edit script from a longest common subsequence table (deletions first on ties)."""
    n, m = len(a), len(b)
    # lcs[i][j] = LCS length of a[i:] and b[j:]
    lcs = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            lcs[i][j] = lcs[i + 1][j + 1] + 1 if a[i] == b[j] else max(lcs[i + 1][j], lcs[i][j + 1])
    ops = []
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j]:
            ops.append(("equal", a[i]))
            i += 1
            j += 1
        elif lcs[i + 1][j] >= lcs[i][j + 1]:
            ops.append(("delete", a[i]))
            i += 1
        else:
            ops.append(("insert", b[j]))
            j += 1
    ops.extend(("delete", line) for line in a[i:])
    ops.extend(("insert", line) for line in b[j:])
    return ops
