class TokenBucket:
    def __init__(self, capacity, rate, now):
        raise NotImplementedError
