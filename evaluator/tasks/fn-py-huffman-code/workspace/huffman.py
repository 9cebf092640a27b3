def build_code(text):
    raise NotImplementedError


def encode(text, code):
    raise NotImplementedError


def decode(bits, code):
    raise NotImplementedError
