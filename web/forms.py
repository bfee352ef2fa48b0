"""The pages' query parameters, validated by Django forms: a bad value is a 400 page naming it."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from web.errors import bad_query
from web.leaderboard import DESCENDING_BY_DEFAULT, SORTS, BoardQuery

MAX_QUERY_CHARS = 200
COMPARE_MIN, COMPARE_MAX = 2, 4


def cleaned(form_class: type[forms.Form], request) -> dict:
    """The form's cleaned data from the query string, or a 400 PageError listing what is wrong."""
    form = form_class(request.GET)
    if not form.is_valid():
        raise bad_query(form)
    return form.cleaned_data


class NoNulMixin:
    def clean(self):
        data = super().clean()
        for name, value in self.data.items():
            if "\x00" in value:
                self.add_error(name if name in self.fields else None, "must not contain NUL characters.")
        return data


class SearchForm(NoNulMixin, forms.Form):
    q = forms.CharField(max_length=MAX_QUERY_CHARS, required=False, strip=True)


class LeaderboardForm(NoNulMixin, forms.Form):
    sort = forms.ChoiceField(choices=[(s, s) for s in SORTS], required=False)
    order = forms.ChoiceField(choices=[("asc", "asc"), ("desc", "desc")], required=False)
    open_weights = forms.ChoiceField(choices=[("", "any"), ("yes", "yes"), ("no", "no")], required=False)
    maker = forms.SlugField(max_length=100, required=False)
    max_price = forms.DecimalField(min_value=Decimal(0), max_digits=12, decimal_places=4, required=False)
    page = forms.IntegerField(min_value=1, max_value=100_000, required=False)

    def board_query(self) -> BoardQuery:
        data = self.cleaned_data
        sort = data["sort"] or "rank"
        order = data["order"] or ("desc" if sort in DESCENDING_BY_DEFAULT else "asc")
        open_weights = {"yes": True, "no": False}.get(data["open_weights"])
        return BoardQuery(
            sort=sort,
            descending=order == "desc",
            open_weights=open_weights,
            maker=data["maker"],
            max_price=data["max_price"],
        )


def leaderboard_query(request) -> tuple[BoardQuery, int]:
    form = LeaderboardForm(request.GET)
    if not form.is_valid():
        raise bad_query(form)
    return form.board_query(), form.cleaned_data["page"] or 1


class CompareForm(NoNulMixin, forms.Form):
    models = forms.CharField(max_length=1000, help_text="2 to 4 model slugs, comma-separated.")

    def clean_models(self) -> list[str]:
        slugs = list(dict.fromkeys(s.strip() for s in self.cleaned_data["models"].split(",") if s.strip()))
        if not COMPARE_MIN <= len(slugs) <= COMPARE_MAX:
            raise forms.ValidationError(f"name {COMPARE_MIN} to {COMPARE_MAX} different models.")
        return slugs
