"""``{% score_history_chart model %}``: the model's score history per category as inline SVG.

Rendered on the server from the daily snapshots, with no script or external
asset, so the admin page stays self-contained.
"""

from datetime import timedelta

from django import template
from django.utils.html import format_html, format_html_join

from rankings.selectors import model_score_history

register = template.Library()

CHART_DAYS = 90
WIDTH, HEIGHT, PAD_LEFT, PAD_RIGHT, PAD_Y = 640, 200, 34, 150, 12
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]


def _x(moment, start, span):
    return PAD_LEFT + (WIDTH - PAD_LEFT - PAD_RIGHT) * ((moment - start) / span if span else 1.0)


def _y(score):
    return PAD_Y + (HEIGHT - 2 * PAD_Y) * (1 - score / 100.0)


@register.simple_tag
def score_history_chart(model) -> str:
    points = model_score_history(model, category=None, start=None, end=None, granularity="daily")
    if not points:
        return format_html('<p class="help">No scores yet for {}.</p>', model.slug)
    end = points[-1].recorded_at
    start = max(points[0].recorded_at, end - timedelta(days=CHART_DAYS))
    span = end - start
    series: dict[str, list] = {}
    for point in points:
        if point.recorded_at >= start:
            series.setdefault(point.category.slug, []).append(point)
    lines, legend = [], []
    for index, (slug, rows) in enumerate(series.items()):
        color = COLORS[index % len(COLORS)]
        coords = " ".join(f"{_x(p.recorded_at, start, span):.1f},{_y(p.score):.1f}" for p in rows)
        last = rows[-1]
        lines.append((color, coords, slug, last.score, last.rank))
        legend.append((PAD_LEFT + WIDTH - PAD_LEFT - PAD_RIGHT + 10, PAD_Y + 14 * index + 4, color, slug, last.rank))
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ddd"/><text x="2" y="{}" font-size="10">{}</text>',
        ((PAD_LEFT, WIDTH - PAD_RIGHT, _y(v), _y(v), _y(v) + 3, v) for v in (0, 25, 50, 75, 100)),
    )
    polylines = format_html_join(
        "",
        '<polyline fill="none" stroke="{}" stroke-width="1.5" points="{}"><title>{}: {} (#{})</title></polyline>',
        lines,
    )
    labels = format_html_join(
        "", '<text x="{}" y="{}" font-size="11" fill="{}">{} #{}</text>', ((x, y, c, s, r) for x, y, c, s, r in legend)
    )
    axis = format_html(
        '<text x="{}" y="{}" font-size="10">{}</text><text x="{}" y="{}" font-size="10" text-anchor="end">{}</text>',
        PAD_LEFT,
        HEIGHT - 1,
        f"{start:%Y-%m-%d}",
        WIDTH - PAD_RIGHT,
        HEIGHT - 1,
        f"{end:%Y-%m-%d}",
    )
    return format_html(
        '<div class="score-history"><h2>Score history (last snapshot of each day, {} days)</h2>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" role="img" '
        'aria-label="Score history of {}">{}{}{}{}</svg></div>',
        CHART_DAYS,
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        model.slug,
        grid,
        polylines,
        labels,
        axis,
    )
