def justify(text, width):
    raise NotImplementedError
