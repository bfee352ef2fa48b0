"""Public pages: thin views that validate the query, then render a cached page context.

Each page's HTML is cached by ``aimodelsmap.api.caching.cached``, the
API's cache, under the data version (and the model page also under the
reviews version), so a page is rebuilt only when its data changed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string

from aimodelsmap.api.caching import cached
from aimodelsmap.dataversion import reviews_version
from models_registry.models import Model
from models_registry.selectors import model_by_slug_or_alias
from web import forms
from web.errors import not_found, page_view
from web.pages import boards, catalog
from web.pages.model import model_page


def _cached_page(name: str, key: dict, template: str, build: Callable[[], dict]) -> HttpResponse:
    html = cached(f"page:{name}", key, lambda: render_to_string(template, build()))
    return HttpResponse(html)


@page_view
def home(request):
    return _cached_page("home", {}, "web/home.html", catalog.home)


@page_view
def search(request):
    query = forms.cleaned(forms.SearchForm, request)["q"]
    return _cached_page("search", {"q": query}, "web/search.html", lambda: catalog.search(query))


@page_view
def leaderboard(request, slug: str):
    query, page = forms.leaderboard_query(request)
    key = {"slug": slug, "page": page, **{k: str(v) for k, v in vars(query).items()}}
    return _cached_page("leaderboard", key, "web/leaderboard.html", lambda: boards.leaderboard_page(slug, query, page))


@page_view
def quality_price(request, slug: str):
    return _cached_page(
        "quality-price", {"slug": slug}, "web/quality_price.html", lambda: boards.quality_price_page(slug)
    )


def _model_slug(requested: str) -> str:
    """The slug of the model ``requested`` names (a slug or an alias); "" for none. Cached: a hit makes no query."""

    def resolve() -> str:
        found = model_by_slug_or_alias(requested)
        return found.slug if found is not None else ""

    return cached("page:model-slug", {"slug": requested}, resolve)


@page_view
def model(request, slug: str):
    canonical = _model_slug(slug)
    if not canonical:
        raise not_found("model")
    if canonical != slug:  # an alias: one page per model, at its slug
        return redirect("web:model", canonical, permanent=True)
    key = {"slug": slug, "reviews": reviews_version()}
    return _cached_page("model", key, "web/model.html", lambda: model_page(_model(slug)))


def _model(slug: str) -> Model:
    found = Model.objects.with_creator().filter(slug=slug).first()
    if found is None:  # deleted since its slug was cached
        raise not_found("model")
    return found


@page_view
def compare(request):
    slugs = forms.cleaned(forms.CompareForm, request)["models"]
    return _cached_page("compare", {"models": slugs}, "web/compare.html", lambda: catalog.compare(slugs))


@page_view
def provider(request, slug: str):
    return _cached_page("provider", {"slug": slug}, "web/provider.html", lambda: catalog.provider(slug))
