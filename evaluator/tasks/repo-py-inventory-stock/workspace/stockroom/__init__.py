from .errors import InsufficientStock, InventoryError, UnknownItem
from .models import Item
from .report import low_stock, stock_table, valuation
from .store import Inventory

__all__ = [
    "InsufficientStock", "InventoryError", "UnknownItem", "Item", "Inventory",
    "low_stock", "stock_table", "valuation",
]
