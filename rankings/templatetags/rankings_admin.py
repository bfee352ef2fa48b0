"""``{% score_history_chart model %}``: the model's score history per category as inline SVG.

Rendered on the server from the snapshots, with no script or external asset,
so the admin page stays self-contained. The window is all the history there
is: daily points, or weekly ones past a year so a long history stays light.
The drawn series also go into the page as inert JSON (``score-history-data``).
"""

from django import template

from rankings.charts import ScorePoint, build_chart
from rankings.selectors import model_score_history

register = template.Library()

DAILY_DAYS_MAX = 366


@register.inclusion_tag("rankings/score_history_chart.html")
def score_history_chart(model):
    snapshots = model_score_history(model, category=None, start=None, end=None, granularity="daily")
    granularity = "daily"
    if snapshots and (snapshots[-1].recorded_at - snapshots[0].recorded_at).days > DAILY_DAYS_MAX:
        granularity = "weekly"
        snapshots = model_score_history(model, category=None, start=None, end=None, granularity=granularity)
    categories = sorted({snapshot.category for snapshot in snapshots}, key=lambda c: (c.display_order, c.slug))
    points = {category.name: [] for category in categories}
    for snapshot in snapshots:
        points[snapshot.category.name].append(ScorePoint(snapshot.recorded_at, snapshot.score, snapshot.rank))
    chart = build_chart(points)
    return {
        "model": model,
        "chart": chart,
        "chart_data": chart.as_data() if chart else None,
        "granularity": granularity,
    }
