class LispError(Exception):
    pass


def evaluate(source):
    raise NotImplementedError
