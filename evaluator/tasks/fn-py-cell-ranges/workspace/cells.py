def column_index(label):
    raise NotImplementedError


def column_label(index):
    raise NotImplementedError


def parse_cell(ref):
    raise NotImplementedError


def expand_range(ref):
    raise NotImplementedError
