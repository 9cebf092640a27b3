def flatten(data, sep="."):
    raise NotImplementedError


def unflatten(flat, sep="."):
    raise NotImplementedError
