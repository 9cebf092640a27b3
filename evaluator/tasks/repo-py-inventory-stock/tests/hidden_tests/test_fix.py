import unittest
from decimal import Decimal

from stockroom import InsufficientStock, Inventory, InventoryError, UnknownItem, low_stock


def make():
    inv = Inventory()
    inv.add_item("PEN", "Pen", Decimal("0.40"))
    inv.add_item("INK", "Ink", Decimal("3.10"))
    inv.add_item("CAP", "Cap", Decimal("0.05"))
    inv.receive("PEN", 10)
    inv.receive("INK", 4)
    return inv


class ShipTest(unittest.TestCase):
    def test_cannot_ship_more_than_in_stock(self):
        inv = make()
        with self.assertRaises(InsufficientStock) as ctx:
            inv.ship("PEN", 11)
        self.assertEqual((ctx.exception.sku, ctx.exception.requested, ctx.exception.available), ("PEN", 11, 10))
        self.assertIsInstance(ctx.exception, InventoryError)
        self.assertEqual(inv.get("PEN").quantity, 10)
        inv.ship("PEN", 10)
        self.assertEqual(inv.get("PEN").quantity, 0)
        with self.assertRaises(InsufficientStock):
            inv.ship("CAP", 1)

    def test_ship_quantity_must_be_positive_integer(self):
        inv = make()
        for bad in (0, -3, 1.5, "2", True):
            with self.assertRaises(InventoryError, msg=repr(bad)):
                inv.ship("PEN", bad)
        self.assertEqual(inv.get("PEN").quantity, 10)
        with self.assertRaises(UnknownItem):
            inv.ship("NOPE", 1)

    def test_order_is_all_or_nothing(self):
        inv = make()
        with self.assertRaises(InsufficientStock) as ctx:
            inv.ship_order([("PEN", 5), ("INK", 5)])
        self.assertEqual(ctx.exception.sku, "INK")
        self.assertEqual(inv.get("PEN").quantity, 10)
        self.assertEqual(inv.get("INK").quantity, 4)
        with self.assertRaises(UnknownItem):
            inv.ship_order([("PEN", 1), ("NOPE", 1)])
        with self.assertRaises(InventoryError):
            inv.ship_order([("PEN", 1), ("INK", 0)])
        self.assertEqual(inv.get("PEN").quantity, 10)

    def test_repeated_lines_are_added_up(self):
        inv = make()
        with self.assertRaises(InsufficientStock) as ctx:
            inv.ship_order([("PEN", 6), ("INK", 1), ("PEN", 6)])
        self.assertEqual((ctx.exception.requested, ctx.exception.available), (12, 10))
        self.assertEqual(inv.get("INK").quantity, 4)
        inv.ship_order([("PEN", 6), ("INK", 1), ("PEN", 4)])
        self.assertEqual(inv.get("PEN").quantity, 0)
        self.assertEqual(inv.get("INK").quantity, 3)
        inv.ship_order([])


class LowStockTest(unittest.TestCase):
    def test_threshold_is_inclusive_and_sorted_by_sku(self):
        inv = make()
        self.assertEqual([i.sku for i in low_stock(inv, 4)], ["CAP", "INK"])
        self.assertEqual([i.sku for i in low_stock(inv, 10)], ["CAP", "INK", "PEN"])
        self.assertEqual([i.sku for i in low_stock(inv, 0)], ["CAP"])
