"""A category's whole leaderboard as the pages show it: the API's rows plus price, open weights and maker.

Rows come from ``rankings.selectors.leaderboard_page`` and are shaped by
``ranking_entry``, the very functions behind ``GET /v1/rankings/{category}``,
so a page's rank, score and spread are the JSON's. The blended price is the
model's canonical price in force (``pricing.selectors.canonical_prices``, as
in the model detail API), blended 3:1 input to output as telemetry ranks hosts.
Filtering, sorting and page numbers are pure functions of those rows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from models_registry.models import Category, Model
from pricing.selectors import canonical_prices
from rankings import selectors as ranking_selectors
from telemetry.ranking import blended_price

# The largest page leaderboard_page serves (the API's limit bound).
FETCH_SIZE = 100
PAGE_SIZE = 50
SORTS = ("rank", "score", "quality_rank", "adoption_rank", "price", "name")
# A sort's natural direction: best first (high scores, low ranks, low prices).
DESCENDING_BY_DEFAULT = {"score"}


@dataclass(frozen=True)
class BoardRow:
    entry: dict  # the API's ranking entry, unchanged
    price: float | None  # blended USD per 1M tokens of the canonical price in force
    open_weights: bool | None
    maker_slug: str
    maker_name: str


@dataclass(frozen=True)
class Board:
    category: Category
    rows: list[BoardRow]
    recorded_at: str | None


def board_rows(category: Category) -> Board:
    """Every row of the category's published leaderboard, in rank order, with price and open weights."""
    named, cursor, recorded_at = [], None, None
    while True:
        board = ranking_selectors.leaderboard_page(category.slug, limit=FETCH_SIZE, cursor=cursor)
        recorded_at = ranking_selectors.iso_z(board.at) if board.at else None
        named.extend(board.page.rows)
        if not board.page.has_more:
            break
        cursor = board.page.next_cursor
    ids = [row.model_id for row in named]
    open_weights = dict(Model.objects.filter(pk__in=ids).values_list("pk", "open_weights"))
    prices = canonical_prices(ids)
    rows = [
        BoardRow(
            entry=ranking_selectors.ranking_entry(row, recorded_at),
            price=_blended(prices.get(row.model_id)),
            open_weights=open_weights.get(row.model_id),
            maker_slug=row.creator_slug,
            maker_name=row.creator_name,
        )
        for row in named
    ]
    return Board(category=category, rows=rows, recorded_at=recorded_at)


def _blended(price) -> float | None:
    if price is None:
        return None
    blended = blended_price(price.input_per_million, price.output_per_million)
    return None if blended is None else float(blended)


@dataclass(frozen=True)
class BoardQuery:
    sort: str = "rank"
    descending: bool = False
    open_weights: bool | None = None
    maker: str = ""
    max_price: Decimal | None = None


def filter_and_sort(rows: list[BoardRow], query: BoardQuery) -> list[BoardRow]:
    """The rows passing the filters, in the asked order; ties (and missing values, always last) by rank."""
    kept = [
        row
        for row in rows
        if (query.open_weights is None or row.open_weights is query.open_weights)
        and (not query.maker or row.maker_slug == query.maker)
        and (query.max_price is None or (row.price is not None and row.price <= query.max_price))
    ]
    if query.sort == "rank" and not query.descending:
        return kept
    present = [row for row in kept if _sort_value(row, query.sort) is not None]
    missing = [row for row in kept if _sort_value(row, query.sort) is None]
    present.sort(key=lambda row: row.entry["rank"])
    present.sort(key=lambda row: _sort_value(row, query.sort), reverse=query.descending)
    return present + missing


def _sort_value(row: BoardRow, sort: str):
    if sort == "price":
        return row.price
    if sort == "name":
        return row.entry["model"]["name"].lower()
    return row.entry[sort]


def page_count(total: int, per_page: int = PAGE_SIZE) -> int:
    return max(1, math.ceil(total / per_page))


def page_slice(rows: list[BoardRow], page: int, per_page: int = PAGE_SIZE) -> list[BoardRow]:
    return rows[(page - 1) * per_page : page * per_page]
