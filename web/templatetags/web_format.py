"""Template filters printing numbers the pages' way (web.pages.format) and building page URLs."""

from django import template
from django.utils.http import urlencode

from web.pages import format as fmt

register = template.Library()

register.filter("money", fmt.money)
register.filter("tokens", fmt.tokens)
register.filter("percent", fmt.percent)
register.filter("ms", fmt.milliseconds)
register.filter("score", fmt.score)


@register.filter
def magnitude(value: int) -> int:
    """A change without its sign, for when an arrow already says which way."""
    return abs(value)


@register.filter
def words(value: str) -> str:
    """A snake_case code as words: new_entry -> new entry."""
    return str(value).replace("_", " ")


@register.simple_tag
def board_url(query, **changes) -> str:
    """The leaderboard query string of ``query`` (a BoardQuery) with ``changes`` applied; defaults left out."""
    params = {
        "sort": query.sort,
        "order": "desc" if query.descending else "asc",
        "open_weights": {True: "yes", False: "no"}.get(query.open_weights, ""),
        "maker": query.maker,
        "max_price": "" if query.max_price is None else str(query.max_price),
    }
    params.update(changes)
    return "?" + urlencode({k: v for k, v in params.items() if v not in ("", None)})


@register.simple_tag
def sort_url(query, column: str) -> str:
    """Sorting by ``column``: its natural order first, the other order when it is already sorted so."""
    natural = "desc" if column == "score" else "asc"
    current = "desc" if query.descending else "asc"
    order = ("asc" if current == "desc" else "desc") if query.sort == column else natural
    return board_url(query, sort=column, order=order, page="")


@register.simple_tag
def aria_sort(query, column: str) -> str:
    if query.sort != column:
        return "none"
    return "descending" if query.descending else "ascending"
