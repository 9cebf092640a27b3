class CalcError(Exception):
    """Any error while reading or evaluating an expression."""
