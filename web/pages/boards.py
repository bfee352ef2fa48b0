"""Leaderboard and quality-against-price pages of one category."""

from __future__ import annotations

from django.urls import reverse

from aimodelsmap.api.caching import cached
from models_registry.models import Category
from web import charts, leaderboard
from web.errors import PageError, not_found
from web.pages import format as fmt

# Sortable columns: (sort key, heading, numeric).
COLUMNS = (
    ("rank", "Rank", True),
    ("name", "Model", False),
    ("score", "Score", True),
    ("quality_rank", "Quality rank", True),
    ("adoption_rank", "Adoption rank", True),
    ("price", "Blended price", True),
)


def category_or_error(slug: str) -> Category:
    found = None if "\x00" in slug else Category.objects.filter(slug=slug).first()
    if found is None:
        raise not_found("category")
    return found


def _board(category: Category) -> leaderboard.Board:
    """The category's whole board, cached on its own: every filter, sort and page of it reuses one build."""
    return cached("page:board-rows", {"slug": category.slug}, lambda: leaderboard.board_rows(category))


def _rank_triple(row: leaderboard.BoardRow) -> tuple[int, int | None, int | None]:
    spread = row.entry["rank_spread"] or {}
    return row.entry["rank"], spread.get("low"), spread.get("high")


def leaderboard_page(slug: str, query: leaderboard.BoardQuery, page: int) -> dict:
    category = category_or_error(slug)
    board = _board(category)
    kept = leaderboard.filter_and_sort(board.rows, query)
    pages = leaderboard.page_count(len(kept))
    if page > pages:
        raise PageError(400, f"There are only {pages} pages with these filters.", [f"page: at most {pages}."])
    size = len(board.rows)
    shown = leaderboard.page_slice(kept, page)
    axis = charts.rank_axis([_rank_triple(row) for row in shown])
    rows = [{"row": row, "interval": charts.rank_interval(*_rank_triple(row), axis=axis)} for row in shown]
    makers = sorted({(row.maker_slug, row.maker_name) for row in board.rows}, key=lambda m: m[1].lower())
    return {
        "category": category,
        "rows": rows,
        "recorded_at": board.recorded_at,
        "board_size": size,
        "matching": len(kept),
        "page": page,
        "pages": pages,
        "query": query,
        "makers": makers,
        "columns": COLUMNS,
        "rank_axis": axis,
        "page_numbers": range(1, pages + 1),
    }


def quality_price_page(slug: str) -> dict:
    """The category's models placed by blended price (log axis) and rank, with their 95% rank interval."""
    category = category_or_error(slug)
    board = _board(category)
    points = []
    for row in board.rows:
        if row.price is None:
            continue
        entry = row.entry
        spread = entry["rank_spread"] or {}
        points.append(
            charts.ScatterPoint(
                x=row.price,
                y=entry["rank"],
                y_low=spread.get("low"),
                y_high=spread.get("high"),
                label=entry["model"]["name"],
                href=reverse("web:model", args=[entry["model"]["slug"]]),
                title=f"{entry['model']['name']}: rank {entry['rank']}"
                + (f" (95% {spread['low']}–{spread['high']})" if spread else "")
                + f", {fmt.money(row.price)} per 1M tokens",
            )
        )
    chart = charts.scatter_chart(
        points,
        x_label="Blended price, USD per 1M tokens (log scale)",
        y_label=f"Rank in {category.name} (1 = best)",
        x_format=fmt.money,
        y_format=lambda v: f"{v:.0f}",
        log_x=True,
        invert_y=True,
    )
    placed = {point.label for point in points if point.x > 0}
    unplaced = [row for row in board.rows if row.entry["model"]["name"] not in placed]
    return {
        "category": category,
        "chart": chart,
        "points": [p for p in points if p.x > 0],
        "unplaced": unplaced,
        "recorded_at": board.recorded_at,
    }
