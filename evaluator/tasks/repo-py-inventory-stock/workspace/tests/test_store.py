import unittest
from decimal import Decimal

from stockroom import Inventory


class StoreTest(unittest.TestCase):
    def test_receive_and_ship(self):
        inv = Inventory()
        inv.add_item("PEN", "Pen", Decimal("0.40"))
        inv.receive("PEN", 10)
        inv.ship("PEN", 3)
        self.assertEqual(inv.get("PEN").quantity, 7)
