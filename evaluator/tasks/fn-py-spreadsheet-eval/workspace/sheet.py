def evaluate_sheet(cells):
    raise NotImplementedError
