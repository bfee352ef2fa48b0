"""Prices for people: USD with at least cents, and every digit a price really has. Pure; no ORM.

Prices are stored with ten decimals, so a raw ``Decimal`` prints as
``1.2000000000``. Per-token prices can be fractions of a cent (0.075 per
million), so rounding to cents would lose them: trailing zeros go, cents stay.
"""

from decimal import Decimal

from pricing.calculator import CENT, plain


def money(amount: Decimal) -> str:
    """1.2000000000 -> "$1.20", 1500 -> "$1,500.00", 0.0750000000 -> "$0.075", 3 -> "$3.00", 0 -> "$0.00"."""
    value = plain(amount)
    if value.as_tuple().exponent > -2:
        value = value.quantize(CENT)
    return f"${value:,f}"
