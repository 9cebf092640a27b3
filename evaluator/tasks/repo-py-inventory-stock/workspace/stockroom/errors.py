class InventoryError(Exception):
    """Base class of stockroom errors."""


class UnknownItem(InventoryError):
    def __init__(self, sku):
        super().__init__(f"unknown item {sku}")
        self.sku = sku


class InsufficientStock(InventoryError):
    def __init__(self, sku, requested, available):
        super().__init__(f"cannot ship {requested} of {sku}: only {available} in stock")
        self.sku = sku
        self.requested = requested
        self.available = available
