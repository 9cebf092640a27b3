import unittest
from decimal import Decimal as D

from ledgerly import AccountFrozen, Bank, InsufficientFunds, InvalidAmount, UnknownAccount, parse_amount, statement


class ExistingTest(unittest.TestCase):
    def test_amounts(self):
        self.assertEqual(parse_amount("12.5"), D("12.50"))
        self.assertEqual(parse_amount(3), D("3.00"))
        self.assertEqual(parse_amount("0", allow_zero=True), D("0.00"))
        for bad in ("0", "-1", "1.234", "abc", 1.5, True, None, "NaN"):
            with self.assertRaises(InvalidAmount, msg=repr(bad)):
                parse_amount(bad)

    def test_accounts_deposits_withdrawals(self):
        bank = Bank()
        a = bank.open_account("alice")
        self.assertEqual(a, "ACC-1")
        self.assertEqual(bank.open_account("bob"), "ACC-2")
        e = bank.deposit(a, "10.00")
        self.assertEqual(tuple(e), (1, a, "deposit", D("10.00"), D("10.00"), None))
        bank.withdraw(a, "10.00")
        self.assertEqual(bank.balance(a), D("0.00"))
        with self.assertRaises(InsufficientFunds):
            bank.withdraw(a, "0.01")
        with self.assertRaises(UnknownAccount):
            bank.deposit("ACC-9", "1")
        bank.freeze(a)
        with self.assertRaises(AccountFrozen):
            bank.deposit(a, "1")
        with self.assertRaises(AccountFrozen):
            bank.withdraw(a, "1")
        bank.unfreeze(a)
        bank.deposit(a, "1")
        self.assertEqual([x.seq for x in bank.history(a)], [1, 2, 3])

    def test_frozen_source(self):
        bank = Bank()
        a, b = bank.open_account("a"), bank.open_account("b")
        bank.deposit(a, "5")
        bank.freeze(a)
        with self.assertRaises(AccountFrozen):
            bank.transfer(a, b, "1")
        self.assertEqual(bank.balance(a), D("5.00"))

    def test_statement(self):
        bank = Bank()
        a = bank.open_account("a")
        bank.deposit(a, "100")
        bank.withdraw(a, "25.5")
        self.assertEqual(
            statement(bank, a),
            "Statement for ACC-1\n#1    deposit          100.00     100.00\n#2    withdrawal        25.50      74.50\nBalance: 74.50",
        )
