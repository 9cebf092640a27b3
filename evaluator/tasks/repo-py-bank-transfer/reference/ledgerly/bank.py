from collections import namedtuple

from .accounts import Account
from .errors import AccountFrozen, InsufficientFunds, SameAccount, UnknownAccount
from .money import parse_amount

Entry = namedtuple("Entry", "seq account_id kind amount balance_after counterpart")


class Bank:
    def __init__(self):
        self._accounts = {}
        self._entries = []

    def open_account(self, owner, overdraft_limit="0"):
        account_id = f"ACC-{len(self._accounts) + 1}"
        self._accounts[account_id] = Account(account_id, owner, parse_amount(overdraft_limit, allow_zero=True))
        return account_id

    def _get(self, account_id):
        try:
            return self._accounts[account_id]
        except KeyError:
            raise UnknownAccount(f"no account {account_id}") from None

    def _active(self, account_id):
        account = self._get(account_id)
        if account.frozen:
            raise AccountFrozen(f"account {account_id} is frozen")
        return account

    def _record(self, account, kind, amount, counterpart=None):
        entry = Entry(len(self._entries) + 1, account.id, kind, amount, account.balance, counterpart)
        self._entries.append(entry)
        return entry

    def freeze(self, account_id):
        self._get(account_id).frozen = True

    def unfreeze(self, account_id):
        self._get(account_id).frozen = False

    def balance(self, account_id):
        return self._get(account_id).balance

    def history(self, account_id):
        self._get(account_id)
        return [e for e in self._entries if e.account_id == account_id]

    def deposit(self, account_id, amount):
        account = self._active(account_id)
        value = parse_amount(amount)
        account.balance += value
        return self._record(account, "deposit", value)

    def withdraw(self, account_id, amount):
        account = self._active(account_id)
        value = parse_amount(amount)
        self._check_funds(account, value)
        account.balance -= value
        return self._record(account, "withdrawal", value)

    def transfer(self, from_id, to_id, amount):
        """All checks happen before any balance changes, so a failed transfer changes nothing."""
        source = self._active(from_id)
        target = self._active(to_id)
        if source is target:
            raise SameAccount(f"cannot transfer from {from_id} to itself")
        value = parse_amount(amount)
        self._check_funds(source, value)
        source.balance -= value
        target.balance += value
        out = self._record(source, "transfer_out", value, to_id)
        self._record(target, "transfer_in", value, from_id)
        return out

    @staticmethod
    def _check_funds(account, value):
        # The balance may go negative, but not below -overdraft_limit.
        if account.balance - value < -account.overdraft_limit:
            raise InsufficientFunds(f"account {account.id} cannot pay {value}")
