"""Prices as money: no database."""

from decimal import Decimal

import pytest

from pricing.formatting import money


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("1.2000000000", "$1.20"),
        ("3", "$3.00"),
        ("0", "$0.00"),
        ("0.0750000000", "$0.075"),
        ("0.0000001000", "$0.0000001"),
        ("1500", "$1,500.00"),
    ],
)
def test_it_keeps_cents_and_every_real_digit_but_no_padding(stored, shown):
    assert money(Decimal(stored)) == shown
