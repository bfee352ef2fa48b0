"""Model change-form helpers: include the history charts whose tag libraries are installed.

The score and price chart tags live in the rankings and pricing apps. A
``{% load %}`` of a library that is not installed fails the whole page at
compile time, so each chart is a small sub-template included only when its
library is registered with the template engine.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

register = template.Library()

CHARTS = [
    ("rankings_admin", "admin/models_registry/model/score_history_chart.html"),
    ("pricing_admin", "admin/models_registry/model/price_history_chart.html"),
]


@register.simple_tag(takes_context=True)
def model_history_charts(context, model) -> str:
    libraries = context.template.engine.template_libraries
    parts = [
        render_to_string(template_name, {"original": model}, request=context.get("request"))
        for library, template_name in CHARTS
        if library in libraries
    ]
    # Each part is a rendered template, already escaped where it needs to be.
    return mark_safe("".join(parts))
