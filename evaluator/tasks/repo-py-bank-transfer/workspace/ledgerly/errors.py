class BankError(Exception):
    pass


class UnknownAccount(BankError):
    pass


class AccountFrozen(BankError):
    pass


class InsufficientFunds(BankError):
    pass


class InvalidAmount(BankError):
    pass


class SameAccount(BankError):
    pass
