import unittest
from decimal import Decimal

from stockroom import Inventory, InventoryError, UnknownItem, low_stock, stock_table, valuation


class ExistingTest(unittest.TestCase):
    def setUp(self):
        self.inv = Inventory()
        self.inv.add_item("PEN", "Pen", Decimal("0.40"))
        self.inv.add_item("BOX", "Box", Decimal("1.25"))
        self.inv.receive("PEN", 100)
        self.inv.receive("BOX", 8)

    def test_items_and_errors(self):
        self.assertEqual([i.sku for i in self.inv.items()], ["BOX", "PEN"])
        with self.assertRaises(InventoryError):
            self.inv.add_item("PEN", "again", Decimal("1"))
        with self.assertRaises(InventoryError):
            self.inv.add_item("X", "float cost", 1.5)
        with self.assertRaises(UnknownItem):
            self.inv.get("NOPE")
        with self.assertRaises(InventoryError):
            self.inv.receive("PEN", 0)

    def test_shipping_within_stock(self):
        self.inv.ship("PEN", 30)
        self.inv.ship_order([("PEN", 10), ("BOX", 3), ("PEN", 5)])
        self.assertEqual(self.inv.get("PEN").quantity, 55)
        self.assertEqual(self.inv.get("BOX").quantity, 5)

    def test_reports(self):
        self.assertEqual(valuation(self.inv), Decimal("50.00"))
        self.assertEqual([i.sku for i in low_stock(self.inv, 50)], ["BOX"])
        self.assertEqual(
            stock_table(self.inv),
            "SKU        QTY      VALUE\nBOX          8      10.00\nPEN        100      40.00",
        )
        self.assertEqual(valuation(Inventory()), Decimal("0"))
