def _check_sep(sep):
    if not isinstance(sep, str) or sep == "":
        raise ValueError("sep must be a non-empty string")


def flatten(data, sep="."):
    if not isinstance(data, dict):
        raise TypeError("data must be a dict")
    _check_sep(sep)
    out = {}

    def walk(value, prefix):
        if isinstance(value, dict) and value:
            items = ((str(k), v) for k, v in value.items())
        elif isinstance(value, (list, tuple)) and value:
            items = ((str(i), v) for i, v in enumerate(value))
        else:
            if prefix in out:
                raise ValueError(f"two paths flatten to the key {prefix!r}")
            out[prefix] = value
            return
        for key, child in items:
            walk(child, key if prefix is None else prefix + sep + key)

    for key, value in data.items():
        walk(value, str(key))
    return out


def unflatten(flat, sep="."):
    if not isinstance(flat, dict):
        raise TypeError("flat must be a dict")
    _check_sep(sep)
    root = {}
    leaves = set()
    for key, value in flat.items():
        if not isinstance(key, str):
            raise TypeError(f"key {key!r} is not a string")
        parts = key.split(sep)
        node = root
        path = []
        for part in parts[:-1]:
            path.append(part)
            if tuple(path) in leaves:
                raise ValueError(f"{sep.join(path)!r} is both a value and a prefix")
            node = node.setdefault(part, {})
        if parts[-1] in node:
            raise ValueError(f"{key!r} is both a value and a prefix")
        node[parts[-1]] = value
        leaves.add(tuple(parts))
    return root
