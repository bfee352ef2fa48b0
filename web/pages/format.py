"""How the pages print numbers: money as money, token counts in full, ratios as percentages."""

from __future__ import annotations

from decimal import Decimal


def money(value: Decimal | float | None) -> str:
    """USD with two decimals, or up to four significant ones below a cent ("$0.075"); an em dash for none."""
    if value is None:
        return "—"
    amount = float(value)
    if amount == 0:
        return "$0"
    if abs(amount) >= 0.01:
        return f"${amount:,.2f}"
    return f"${amount:.4g}"


def tokens(value: int | None) -> str:
    return "—" if value is None else f"{value:,}"


def percent(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{100 * value:.{digits}f}%"


def milliseconds(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} ms"


def score(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"
