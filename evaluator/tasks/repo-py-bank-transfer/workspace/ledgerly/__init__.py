from .bank import Bank, Entry
from .errors import AccountFrozen, BankError, InsufficientFunds, InvalidAmount, SameAccount, UnknownAccount
from .money import parse_amount
from .statement import statement

__all__ = [
    "Bank", "Entry", "AccountFrozen", "BankError", "InsufficientFunds", "InvalidAmount",
    "SameAccount", "UnknownAccount", "parse_amount", "statement",
]
