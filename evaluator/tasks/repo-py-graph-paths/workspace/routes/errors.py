class UnknownNode(KeyError):
    def __init__(self, name):
        super().__init__(name)
        self.name = name

    def __str__(self):
        return f"unknown node {self.name!r}"
