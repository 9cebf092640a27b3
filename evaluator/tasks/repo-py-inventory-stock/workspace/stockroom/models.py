from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Item:
    sku: str
    name: str
    unit_cost: Decimal
    quantity: int = 0

    @property
    def value(self) -> Decimal:
        return self.unit_cost * self.quantity
