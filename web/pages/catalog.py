"""Home, search, compare and provider pages."""

from __future__ import annotations

from django.urls import reverse

from models_registry import selectors as catalog
from models_registry.api.v1.views import SEARCH_INDEX
from models_registry.models import OVERALL_CATEGORY_SLUG, Category, Endpoint, Model, Provider
from pricing.selectors import canonical_prices
from rankings import selectors as ranking_selectors
from rankings.models import ScoreRun
from rankings.movement import PERIODS
from telemetry.models import Window
from telemetry.ranking import blended_price
from telemetry.selectors import SUMMARY_WINDOW, host_rows, provider_health
from web import charts
from web.errors import PageError, not_found
from web.pages import format as fmt

HOME_TOP = 5
MOVERS_LIMIT = 5
SEARCH_LIMIT = 20


def model_url(slug: str) -> str:
    return reverse("web:model", args=[slug])


def home() -> dict:
    """Each category's top models, and the biggest movers of the overall board."""
    categories = list(Category.objects.order_by("display_order", "slug"))
    boards = []
    for category in categories:
        board = ranking_selectors.leaderboard_page(category.slug, limit=HOME_TOP, cursor=None)
        recorded_at = ranking_selectors.iso_z(board.at) if board.at else None
        entries = [ranking_selectors.ranking_entry(row, recorded_at) for row in board.page.rows]
        boards.append({"category": category, "entries": entries, "total": board.page.total, "at": recorded_at})
    return {"boards": boards, "movers": _biggest_movers(categories)}


def _biggest_movers(categories: list[Category]) -> dict | None:
    """The overall board's movers over the shortest period that has a run to compare with.

    The newest run says which periods have one (ScoreRun.compared_*), so
    ``movers`` (which reads the whole current board) runs once, or not at all.
    """
    overall = next((c for c in categories if c.slug == OVERALL_CATEGORY_SLUG), None)
    if overall is None:
        return None
    columns = [f"compared_{period}" for period in PERIODS]
    latest = ScoreRun.objects.filter(category=overall).order_by("-recorded_at").values_list(*columns).first()
    period = next((p for p, at in zip(PERIODS, latest or (), strict=False) if at is not None), None)
    if period is None:
        return None
    moved = ranking_selectors.movers(overall, period=period, limit=MOVERS_LIMIT)
    if moved.compared_with is None:
        return None
    return {
        "period": period,
        "compared_with": ranking_selectors.iso_z(moved.compared_with),
        "gainers": moved.gainers,
        "losers": moved.losers,
    }


def search(query: str) -> dict:
    """The search API's hits (same index, same order) for ``query``."""
    hits = SEARCH_INDEX.get().search(query, limit=SEARCH_LIMIT) if query else []
    results = [
        {"slug": doc.slug, "name": doc.name, "provider": doc.provider_name, "score": doc.score}
        for doc in (hit.document for hit in hits)
    ]
    return {"query": query, "search_query": query, "results": results}


COMPARE_FACTS = (
    ("Maker", lambda m: m.creator.name),
    ("Type", lambda m: m.get_model_type_display()),
    ("Status", lambda m: m.get_status_display()),
    ("Released", lambda m: m.release_date.isoformat() if m.release_date else "—"),
    ("Context window", lambda m: fmt.tokens(m.context_window)),
    ("Max output", lambda m: fmt.tokens(m.max_output_tokens)),
    ("Open weights", lambda m: {True: "yes", False: "no"}.get(m.open_weights, "unknown")),
)


def compare(slugs: list[str]) -> dict:
    """The compare API's models, scores, prices and categories, laid out as a table of rows."""
    resolved = catalog.models_by_slugs_or_aliases(slugs)
    missing = [slug for slug in slugs if slug not in resolved]
    if missing:
        raise PageError(404, "Some models were not found.", [f"No model is named {slug!r}." for slug in missing])
    models = list({model.pk: model for model in resolved.values()}.values())
    if len(models) < 2:
        raise PageError(400, "Name at least two different models to compare.")
    ids = [model.pk for model in models]
    scores = catalog.all_scores_for(ids)
    prices = canonical_prices(ids)
    facts = [{"label": label, "values": [value(model) for model in models]} for label, value in COMPARE_FACTS]
    for label, field in (("Input / 1M tokens", "input_per_million"), ("Output / 1M tokens", "output_per_million")):
        values = [fmt.money(getattr(prices[m.pk], field)) if m.pk in prices else "—" for m in models]
        facts.append({"label": label, "values": values})
    categories: dict[str, Category] = {}
    by_model = []
    for model in models:
        rows = {score.category.slug: score for score in scores.get(model.pk, [])}
        categories.update({slug: score.category for slug, score in rows.items()})
        by_model.append(rows)
    ordered = sorted(categories.values(), key=lambda c: (c.display_order, c.slug))
    score_rows = [
        {"category": category, "cells": [rows.get(category.slug) for rows in by_model]} for category in ordered
    ]
    return {"models": models, "facts": facts, "score_rows": score_rows}


def provider(slug: str) -> dict:
    """What a provider serves (prices, latency, uptime: the telemetry API's figures) and what it makes."""
    found = None if "\x00" in slug else Provider.objects.filter(slug=slug).first()
    if found is None:
        raise not_found("provider")
    endpoints = (
        Endpoint.objects.filter(host=found)
        .exclude(status=Endpoint.Status.RETIRED)
        .select_related("model__creator")
        .order_by("model__name", "model__slug", "id")
    )
    served = []
    for row in host_rows(endpoints):
        summary = row.summary if row.summary is not None and row.summary.sample_count else None
        price = row.price
        served.append(
            {
                "model": row.endpoint.model,
                "provider_model_id": row.endpoint.provider_model_id,
                "input": price.input_per_million if price else None,
                "output": price.output_per_million if price else None,
                "blended": blended_price(price.input_per_million, price.output_per_million) if price else None,
                "latency_p50": summary.latency_p50_ms if summary else None,
                "latency_p95": summary.latency_p95_ms if summary else None,
                "uptime": summary.uptime if summary else None,
            }
        )
    report = provider_health([found.pk])[found.pk]
    windows = [{"window": str(w), "health": report.windows[str(w)]} for w in Window]
    # Fastest first: the chart answers "which model is quickest here"; the table keeps name order.
    timed = sorted((row for row in served if row["latency_p50"] is not None), key=lambda row: row["latency_p50"])
    latency = charts.bars(
        [
            (row["model"].name, row["latency_p50"], fmt.milliseconds(row["latency_p50"]), model_url(row["model"].slug))
            for row in timed
        ]
    )
    uptime = charts.bars(
        [(f"last {w['window']}", w["health"].uptime, fmt.percent(w["health"].uptime), "") for w in windows]
    )
    made = list(Model.objects.filter(creator=found).order_by("name", "slug").only("slug", "name", "status"))
    return {
        "provider": found,
        "served": served,
        "health": report,
        "windows": windows,
        "summary_window": str(SUMMARY_WINDOW),
        "latency_bars": latency,
        "uptime_bars": uptime,
        "made": made,
    }
