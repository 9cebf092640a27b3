def format_table(rows, headers=None, align=None):
    raise NotImplementedError
