import unittest
from decimal import Decimal

from ledgerly import Bank


class BankTest(unittest.TestCase):
    def test_deposit_and_transfer(self):
        bank = Bank()
        a, b = bank.open_account("a"), bank.open_account("b")
        bank.deposit(a, "100")
        bank.transfer(a, b, "30.00")
        self.assertEqual(bank.balance(a), Decimal("70.00"))
        self.assertEqual(bank.balance(b), Decimal("30.00"))
