from decimal import Decimal

from .errors import InsufficientStock, InventoryError, UnknownItem
from .models import Item


class Inventory:
    def __init__(self):
        self._items = {}

    def add_item(self, sku, name, unit_cost):
        if sku in self._items:
            raise InventoryError(f"item {sku} already exists")
        if not isinstance(unit_cost, Decimal) or unit_cost < 0:
            raise InventoryError("unit_cost must be a non-negative Decimal")
        self._items[sku] = Item(sku, name, unit_cost)
        return self._items[sku]

    def get(self, sku):
        try:
            return self._items[sku]
        except KeyError:
            raise UnknownItem(sku) from None

    def items(self):
        return [self._items[sku] for sku in sorted(self._items)]

    def receive(self, sku, qty):
        _check_qty(qty)
        self.get(sku).quantity += qty

    def ship(self, sku, qty):
        self.ship_order([(sku, qty)])

    def ship_order(self, lines):
        """Ship all lines or none: every line is validated before any stock changes."""
        wanted = {}
        for sku, qty in lines:
            _check_qty(qty)
            self.get(sku)
            wanted[sku] = wanted.get(sku, 0) + qty
        for sku, qty in wanted.items():
            available = self._items[sku].quantity
            if qty > available:
                raise InsufficientStock(sku, qty, available)
        for sku, qty in wanted.items():
            self._items[sku].quantity -= qty


def _check_qty(qty):
    if not isinstance(qty, int) or isinstance(qty, bool) or qty <= 0:
        raise InventoryError(f"quantity must be a positive integer, got {qty!r}")
