"""``{% price_history_chart model %}``: the model's price history per host as inline SVG.

Rendered on the server with no scripts or external assets, so it works in
the admin under any content-security policy and without network access. The
drawn series also go into the page as inert JSON (``price-history-data``),
so a test or a tool can read what the chart shows.
"""

from collections import Counter
from decimal import Decimal

from django import template
from django.utils import timezone

from pricing.charts import PricePoint, build_chart
from pricing.formatting import money
from pricing.selectors import host_prices_by_date

register = template.Library()


@register.inclusion_tag("pricing/price_history_chart.html")
def price_history_chart(model):
    if model is None or model.pk is None:
        return {"model": None}
    prices_by_host = host_prices_by_date(model)
    names = Counter(host.name for host in prices_by_host)
    # Provider names are not unique; the slug tells two namesakes apart.
    labelled = {
        (host.name if names[host.name] == 1 else f"{host.name} ({host.slug})"): prices
        for host, prices in prices_by_host.items()
    }
    points = {}
    for label, prices in labelled.items():
        # One line per source's list-price series: joining two sources' rows
        # would draw a change that never happened. A withdrawal breaks its line.
        series: dict[str, list[PricePoint]] = {}
        for price in prices:
            if not price.conditions:
                series.setdefault(price.source, []).append(
                    PricePoint(price.effective_from, price.input_per_million, price.output_per_million)
                )
        for source, source_points in series.items():
            points[label if len(series) == 1 else f"{label} · {source}"] = source_points
    chart = build_chart(points, today=timezone.now().date())
    return {
        "model": model,
        "chart": chart,
        "chart_data": chart.as_data() if chart else None,
        "prices_by_host": sorted(labelled.items()),
    }


@register.filter
def amount(value: Decimal | None) -> str:
    """A stored price as money: 3.0000000000 -> $3.00, 0.0750000000 -> $0.075; nothing when there is none."""
    return "" if value is None else money(value)
