from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Account:
    id: str
    owner: str
    overdraft_limit: Decimal
    balance: Decimal = Decimal("0.00")
    frozen: bool = False
