import unittest
from decimal import Decimal as D

from ledgerly import AccountFrozen, Bank, BankError, InsufficientFunds, InvalidAmount, SameAccount, UnknownAccount, statement


def setup():
    bank = Bank()
    a = bank.open_account("alice", overdraft_limit="50.00")
    b = bank.open_account("bob")
    bank.deposit(a, "100.00")
    return bank, a, b


class AtomicTransferTest(unittest.TestCase):
    def test_frozen_destination_loses_no_money(self):
        bank, a, b = setup()
        bank.freeze(b)
        with self.assertRaises(AccountFrozen):
            bank.transfer(a, b, "30.00")
        self.assertEqual(bank.balance(a), D("100.00"))
        self.assertEqual(bank.balance(b), D("0.00"))
        self.assertEqual([e.kind for e in bank.history(a)], ["deposit"])
        bank.unfreeze(b)
        bank.transfer(a, b, "30.00")
        self.assertEqual(bank.balance(b), D("30.00"))

    def test_unknown_destination_loses_no_money(self):
        bank, a, _ = setup()
        with self.assertRaises(UnknownAccount):
            bank.transfer(a, "ACC-99", "10")
        self.assertEqual(bank.balance(a), D("100.00"))
        self.assertEqual(len(bank.history(a)), 1)

    def test_same_account(self):
        bank, a, _ = setup()
        with self.assertRaises(SameAccount):
            bank.transfer(a, a, "10")
        self.assertTrue(issubclass(SameAccount, BankError))
        self.assertEqual(bank.balance(a), D("100.00"))
        self.assertEqual(len(bank.history(a)), 1)

    def test_failed_transfers_use_no_sequence_numbers(self):
        bank, a, b = setup()
        for bad in ("0", "-1", "1.001"):
            with self.assertRaises(InvalidAmount):
                bank.transfer(a, b, bad)
        with self.assertRaises(InsufficientFunds):
            bank.transfer(a, b, "150.01")
        out = bank.transfer(a, b, "10")
        self.assertEqual(out.seq, 2)


class OverdraftTest(unittest.TestCase):
    def test_withdraw_down_to_the_overdraft_limit(self):
        bank, a, b = setup()
        bank.withdraw(a, "150.00")
        self.assertEqual(bank.balance(a), D("-50.00"))
        with self.assertRaises(InsufficientFunds):
            bank.withdraw(a, "0.01")
        with self.assertRaises(InsufficientFunds):
            bank.withdraw(b, "0.01")
        bank.deposit(a, "20")
        self.assertEqual(bank.balance(a), D("-30.00"))

    def test_transfer_may_use_the_overdraft(self):
        bank, a, b = setup()
        bank.transfer(a, b, "120.00")
        self.assertEqual(bank.balance(a), D("-20.00"))
        self.assertEqual(bank.balance(b), D("120.00"))
        with self.assertRaises(InsufficientFunds):
            bank.transfer(a, b, "30.01")
        self.assertEqual(bank.balance(a), D("-20.00"))


class HistoryTest(unittest.TestCase):
    def test_transfer_records_both_sides(self):
        bank, a, b = setup()
        out = bank.transfer(a, b, "30.00")
        self.assertEqual(tuple(out), (2, a, "transfer_out", D("30.00"), D("70.00"), b))
        self.assertEqual(tuple(bank.history(b)[0]), (3, b, "transfer_in", D("30.00"), D("30.00"), a))
        self.assertEqual([e.kind for e in bank.history(a)], ["deposit", "transfer_out"])
        bank.withdraw(b, "5")
        self.assertEqual([e.seq for e in bank.history(b)], [3, 4])

    def test_statement_shows_transfers(self):
        bank, a, b = setup()
        bank.transfer(a, b, "30.00")
        self.assertEqual(
            statement(bank, b),
            "Statement for ACC-2\n#3    transfer_in       30.00      30.00 (ACC-1)\nBalance: 30.00",
        )
