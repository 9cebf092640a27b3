from decimal import Decimal, InvalidOperation

from .errors import InvalidAmount

CENT = Decimal("0.01")


def parse_amount(value, allow_zero=False):
    if isinstance(value, float) or isinstance(value, bool):
        raise InvalidAmount(f"use str, int or Decimal for money, not {type(value).__name__}")
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError):
        raise InvalidAmount(f"not an amount: {value!r}") from None
    if not amount.is_finite() or amount.as_tuple().exponent < -2:
        raise InvalidAmount(f"at most two decimal places: {value!r}")
    if amount < 0 or (amount == 0 and not allow_zero):
        raise InvalidAmount(f"amount must be positive: {value!r}")
    return amount.quantize(CENT)
