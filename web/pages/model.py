"""The model page: facts and their sources, score and price history, hosts, reviews, variants."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone

from ingestion.models import CapabilityClaim
from models_registry import selectors as catalog
from models_registry.models import Model
from models_registry.provenance import model_provenance
from pricing.selectors import canonical_prices, host_prices_by_date
from rankings import selectors as ranking_selectors
from reviews.models import Review
from reviews.selectors import review_summary
from telemetry.ranking import blended_price
from telemetry.selectors import SUMMARY_WINDOW, model_host_rows
from web import charts
from web.pages import format as fmt

REVIEWS_SHOWN = 20


def model_page(model: Model) -> dict:
    scores = catalog.all_scores_for([model.pk]).get(model.pk, [])
    price = canonical_prices([model.pk]).get(model.pk)
    return {
        "model": model,
        "facts": _facts(model),
        "sources": _sources(model, price),
        "categories": list(model.categories.order_by("display_order", "slug")),
        "scores": scores,
        "price": price,
        "score_chart": _score_chart(model),
        "price_chart": _price_chart(model),
        "hosts": _hosts(model),
        "summary_window": str(SUMMARY_WINDOW),
        "reviews": review_summary(model=model),
        "review_list": list(
            Review.objects.visible().filter(model=model).order_by("-created_at", "-id")[:REVIEWS_SHOWN]
        ),
        "base": model.variant_of,
        "variants": list(model.variants.order_by("name", "slug")),
    }


def _recent_reviews(model: Model) -> list[Review]:
    """The newest visible reviews, as the review API lists them by default (recent first)."""
    return list(Review.objects.visible().filter(model=model).order_by("-created_at", "-id")[:REVIEWS_SHOWN])


# The facts whose source and snapshot the page names (models_registry/provenance.py).
FACT_ORIGIN_FIELDS = {
    "Type": "model_type",
    "Status": "status",
    "Released": "release_date",
    "Context window": "context_window",
    "Max output": "max_output_tokens",
    "Open weights": "open_weights",
    "Knowledge cutoff": "knowledge_cutoff",
}


def _facts(model: Model) -> list[tuple[str, str, str]]:
    """Each fact, and where it comes from: "models-dev, 2026-07-01", "pinned by a curator", or ""."""
    capabilities = ", ".join(model.capabilities.order_by("slug").values_list("name", flat=True)) or "—"
    origins = {
        row["field"]: "pinned by a curator" if row["pinned"] else f"{row['source']}, {row['as_of']:%Y-%m-%d}"
        for row in model_provenance(model)
        if row["source"]
    }
    facts = [
        ("Maker", model.creator.name),
        ("Type", model.get_model_type_display()),
        ("Status", model.get_status_display()),
        ("Released", model.release_date.isoformat() if model.release_date else "—"),
        ("Context window", fmt.tokens(model.context_window) + (" tokens" if model.context_window else "")),
        ("Max output", fmt.tokens(model.max_output_tokens) + (" tokens" if model.max_output_tokens else "")),
        ("Open weights", {True: "yes", False: "no"}.get(model.open_weights, "unknown")),
        ("Knowledge cutoff", model.knowledge_cutoff or "—"),
        ("Capabilities", capabilities),
    ]
    return [(label, value, origins.get(FACT_ORIGIN_FIELDS.get(label), "")) for label, value in facts]


def _sources(model: Model, price) -> list[dict]:
    """Where the facts come from: each source's capability claim, the names it uses, the price's source."""
    by_source: dict[str, dict] = defaultdict(lambda: {"capabilities": None, "as_of": None, "by_maker": False})
    for claim in CapabilityClaim.objects.filter(model=model).order_by("source"):
        by_source[claim.source].update(capabilities=claim.capabilities, as_of=claim.as_of, by_maker=claim.by_maker)
    names: dict[str, list[str]] = defaultdict(list)
    for alias, source in model.aliases.order_by("alias").values_list("alias", "source"):
        names[source or "unknown"].append(alias)
    rows = []
    for source in sorted(set(by_source) | set(names)):
        claim = by_source.get(source, {})
        rows.append(
            {
                "source": source,
                "capabilities": claim.get("capabilities"),
                "as_of": claim.get("as_of"),
                "by_maker": claim.get("by_maker", False),
                "names": names.get(source, []),
                "price_from": price.effective_from if price is not None and price.source == source else None,
            }
        )
    if price is not None and price.source not in by_source and price.source not in names:
        rows.append(
            {
                "source": price.source,
                "capabilities": None,
                "as_of": None,
                "by_maker": False,
                "names": [],
                "price_from": price.effective_from,
            }
        )
    return rows


def _score_chart(model: Model) -> charts.Chart | None:
    """Score per category over time: only categories with data get a series (and a legend entry)."""
    history = ranking_selectors.model_score_history(model, category=None, start=None, end=None, granularity="daily")
    series: dict[str, list] = defaultdict(list)
    for snapshot in history:
        series[snapshot.category.name].append((snapshot.recorded_at, snapshot.score))
    return charts.time_series_chart(list(series.items()), y_label="Score", y_format=fmt.score, y_floor=0)


def _price_chart(model: Model) -> charts.Chart | None:
    """Each host's list price over time, blended 3:1 input to output, as steps; the last one holds until today."""
    series = []
    for host, prices in host_prices_by_date(model).items():
        points = []
        for price in prices:
            if price.conditions or price.withdrawn:
                continue
            blended = blended_price(price.input_per_million, price.output_per_million)
            if blended is not None:
                points.append((price.effective_from, float(blended)))
        series.append((host.name, points))
    return charts.time_series_chart(
        series,
        y_label="USD per 1M tokens (blended)",
        y_format=fmt.money,
        step=True,
        hold_until=timezone.localdate(),
    )


def _hosts(model: Model) -> list[dict]:
    rows = []
    for row in model_host_rows(model):
        figures = row.figures()
        rows.append(
            {
                "host": row.endpoint.host,
                "provider_model_id": row.endpoint.provider_model_id,
                "input": row.price.input_per_million if row.price else None,
                "output": row.price.output_per_million if row.price else None,
                "blended": figures.price,
                "latency_p50": figures.latency_p50,
                "latency_p95": figures.latency_p95,
                "throughput": figures.throughput,
                "uptime": figures.uptime,
            }
        )
    return rows
