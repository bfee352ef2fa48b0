"""Catalog reads that carry logic: slug resolution, category subtrees, score-aware lists."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower
from rest_framework.exceptions import ValidationError

from aimodelsmap.api.pagination import OrderKey, Page, decode_cursor, encode_cursor, paginate_keyset
from models_registry.identity.normalize import normalize_model_id
from models_registry.models import OVERALL_CATEGORY_SLUG, Category, FormerSlug, Model, ModelAlias
from models_registry.search import SearchDocument
from rankings.models import Score

SORT_FIELDS = ("score", "name", "rank", "trending")
SORT_ORDERS = ("asc", "desc")
# sort_by -> the Score column it orders by (name orders by the model's name).
SCORE_SORT_COLUMNS = {"score": "score", "rank": "rank", "trending": "trend_7d"}
# Sort keys computed from a column. A keyset key must never be NULL, and
# change_7d is null when there was no run to compare with: such a model has
# no known movement, so trending places it with the unmoved (0).
SCORE_SORT_EXPRESSIONS = {"trend_7d": Coalesce("change_7d", Value(0))}


def _alias_forms(identifier: str) -> set[str]:
    """The normalised forms an alias row may hold for an identifier a client typed."""
    forms = {identifier.strip().lower(), normalize_model_id(identifier)}
    forms.discard("")
    return forms


def model_by_slug_or_alias(slug: str) -> Model | None:
    """The model a slug or any of its aliases names (aliases match as identity resolution normalises them).

    A slug a model no longer has (``FormerSlug``) comes last: an old link still
    finds its model, unless the id now names another one.
    """
    if "\x00" in slug:
        return None  # no slug holds one, and PostgreSQL refuses it as a query parameter
    model = Model.objects.with_creator().filter(slug=slug).first()
    if model is not None:
        return model
    alias = (
        ModelAlias.objects.filter(Q(normalized__in=_alias_forms(slug)) | Q(alias__iexact=slug))
        .select_related("model__creator")
        .order_by("id")
        .first()
    )
    if alias is not None:
        return alias.model
    former = FormerSlug.objects.filter(slug=slug).select_related("model__creator").first()
    return former.model if former is not None else None


def models_by_slugs_or_aliases(slugs: list[str]) -> dict[str, Model]:
    """``{requested slug: model}`` for the requested slugs that resolve (one query per kind)."""
    found = {model.slug: model for model in Model.objects.with_creator().filter(slug__in=slugs)}
    forms = {slug: _alias_forms(slug) for slug in slugs if slug not in found}
    if forms:
        wanted = set().union(*forms.values())
        by_form = {
            alias.normalized: alias.model
            for alias in ModelAlias.objects.filter(normalized__in=wanted).select_related("model__creator")
        }
        for slug, slug_forms in forms.items():
            model = next((by_form[form] for form in sorted(slug_forms) if form in by_form), None)
            if model is not None:
                found[slug] = model
    if missing := [slug for slug in slugs if slug not in found]:
        for former in FormerSlug.objects.filter(slug__in=missing).select_related("model__creator"):
            found[former.slug] = former.model
    return {slug: found[slug] for slug in slugs if slug in found}


def category_subtree_ids(category: Category) -> list[int]:
    """The category's id and those of all its descendants (the tree is small: one query)."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent_id in Category.objects.values_list("id", "parent_id"):
        children[parent_id].append(pk)
    subtree, stack = [], [category.pk]
    while stack:
        pk = stack.pop()
        subtree.append(pk)
        stack.extend(children[pk])
    return subtree


def category_tree() -> list[Category]:
    """The root categories, each with ``tree_children`` set recursively, siblings in display order."""
    categories = list(Category.objects.order_by("display_order", "slug"))
    by_id = {category.pk: category for category in categories}
    roots: list[Category] = []
    for category in categories:
        category.tree_children = []
    for category in categories:
        parent = by_id.get(category.parent_id)
        (parent.tree_children if parent else roots).append(category)
    return roots


def category_model_count(category: Category) -> int:
    """Distinct models in the category or any of its descendants."""
    return Model.objects.filter(in_categories(category_subtree_ids(category))).count()


def in_categories(category_ids: list[int]) -> Exists:
    """A model belongs to one of the categories (Exists: no duplicate rows, no DISTINCT)."""
    memberships = Model.categories.through.objects.filter(model_id=OuterRef("pk"), category_id__in=category_ids)
    return Exists(memberships)


@dataclass(frozen=True)
class ModelListQuery:
    category: Category | None
    provider_id: int | None
    status: str | None
    search: str | None
    sort_by: str
    sort_order: str


def _filtered_models(query: ModelListQuery) -> QuerySet:
    qs = Model.objects.all()
    if query.category is not None and query.category.slug != OVERALL_CATEGORY_SLUG:
        qs = qs.filter(in_categories(category_subtree_ids(query.category)))
    if query.provider_id is not None:
        qs = qs.filter(creator_id=query.provider_id)
    if query.status:
        qs = qs.filter(status=query.status)
    if query.search:
        term = query.search
        alias_match = ModelAlias.objects.filter(model_id=OuterRef("pk"), alias__icontains=term)
        qs = qs.filter(Q(name__icontains=term) | Q(slug__icontains=term) | Exists(alias_match))
    return qs


def model_list_page(
    query: ModelListQuery, *, score_category_id: int | None, limit: int, cursor: str | None, scope: str
) -> Page:
    """One page of the model list; each row carries ``score_row`` (its Score in the category, or None).

    Sorting by a score column walks two keyset segments: the Score rows of
    the category (joined to the filtered models, so PostgreSQL sorts one
    indexed table instead of running a lookup per model), then the models
    without a Score row, by id. A cursor names its segment in its scope; the
    page that exhausts the scored segment is topped up from the unscored one.
    Sorting by name is one segment over the models, ties broken by id.
    """
    models = _filtered_models(query)
    descending = query.sort_order == "desc"
    if query.sort_by == "name":
        page = paginate_keyset(
            models.annotate(sort_key=Lower("name")).select_related("creator"),
            ordering=[OrderKey("sort_key", descending), OrderKey("id")],
            limit=limit,
            cursor=cursor,
            scope=scope,
        )
        scores = scores_for([row.pk for row in page.rows], category_id=score_category_id)
        for row in page.rows:
            row.score_row = scores.get(row.pk)
        return page

    scored_scope, unscored_scope = f"{scope}:scored", f"{scope}:unscored"
    unscored = models.select_related("creator")
    if score_category_id is not None:
        has_score = Score.objects.filter(model_id=OuterRef("pk"), category_id=score_category_id)
        unscored = unscored.exclude(Exists(has_score))
    total = models.count()
    rows: list = []
    if score_category_id is not None and _cursor_segment(cursor, scored_scope, unscored_scope) == "scored":
        # Keyset over the narrow Score rows alone; the page's models are
        # fetched afterwards, so the sort never carries model columns.
        sort_key = SCORE_SORT_COLUMNS[query.sort_by]
        scored = Score.objects.filter(category_id=score_category_id)
        if sort_key in SCORE_SORT_EXPRESSIONS:
            scored = scored.annotate(**{sort_key: SCORE_SORT_EXPRESSIONS[sort_key]})
        if models.query.where:
            scored = scored.filter(model__in=models.values("pk"))
        page = paginate_keyset(
            scored,
            ordering=[OrderKey(sort_key, descending), OrderKey("model_id")],
            limit=limit,
            cursor=cursor,
            scope=scored_scope,
        )
        by_id = Model.objects.with_creator().in_bulk([score.model_id for score in page.rows])
        for score in page.rows:
            model = by_id[score.model_id]
            model.score_row = score
            rows.append(model)
        if page.has_more:
            return Page(rows=rows, next_cursor=page.next_cursor, has_more=True, total=total)
        cursor = None  # the scored segment is exhausted: continue with the unscored one from its start
        if len(rows) == limit:
            has_more = unscored.exists()
            start = encode_cursor({"s": unscored_scope, "v": [0], "x": {}}) if has_more else None
            return Page(rows=rows, next_cursor=start, has_more=has_more, total=total)
    page = paginate_keyset(
        unscored, ordering=[OrderKey("id")], limit=limit - len(rows), cursor=cursor, scope=unscored_scope
    )
    for row in page.rows:
        row.score_row = None
        rows.append(row)
    return Page(rows=rows, next_cursor=page.next_cursor, has_more=page.has_more, total=total)


def _cursor_segment(cursor: str | None, scored_scope: str, unscored_scope: str) -> str:
    """Which segment a cursor continues (a cursor of neither is a 400 from decode_cursor)."""
    if not cursor:
        return "scored"
    try:
        decode_cursor(cursor, scope=scored_scope)
    except ValidationError:
        decode_cursor(cursor, scope=unscored_scope)
        return "unscored"
    return "scored"


def scores_for(model_ids: list[int], *, category_id: int | None) -> dict[int, Score]:
    """``{model_id: Score}`` in one category (no rows: empty)."""
    if category_id is None or not model_ids:
        return {}
    return {score.model_id: score for score in Score.objects.filter(model_id__in=model_ids, category_id=category_id)}


def all_scores_for(model_ids: list[int]) -> dict[int, list[Score]]:
    """Every current Score row of the models, by model, in category display order."""
    by_model: dict[int, list[Score]] = defaultdict(list)
    rows = (
        Score.objects.filter(model_id__in=model_ids)
        .select_related("category")
        .order_by("model_id", "category__display_order", "category__slug")
    )
    for score in rows:
        by_model[score.model_id].append(score)
    return by_model


def category_slugs_for(model_ids: list[int]) -> dict[int, list[str]]:
    """``{model_id: [category slug, ...]}`` in category display order (one query)."""
    by_model: dict[int, list[str]] = defaultdict(list)
    rows = (
        Model.categories.through.objects.filter(model_id__in=model_ids)
        .order_by("category__display_order", "category__slug")
        .values_list("model_id", "category__slug")
    )
    for model_id, slug in rows:
        by_model[model_id].append(slug)
    return by_model


def overall_category_id() -> int | None:
    return Category.objects.filter(slug=OVERALL_CATEGORY_SLUG).values_list("id", flat=True).first()


def search_documents() -> list[SearchDocument]:
    """Every model as the search index needs it: three queries, no per-model work."""
    aliases: dict[int, list[str]] = defaultdict(list)
    for model_id, alias in ModelAlias.objects.order_by("id").values_list("model_id", "alias"):
        aliases[model_id].append(alias)
    overall = overall_category_id()
    scores = dict(Score.objects.filter(category_id=overall).values_list("model_id", "score")) if overall else {}
    rows = Model.objects.order_by("id").values_list("id", "slug", "name", F("creator__name"), "description")
    return [
        SearchDocument(
            model_id=pk,
            slug=slug,
            name=name,
            provider_name=provider_name,
            score=scores.get(pk),
            aliases=tuple(aliases.get(pk, ())),
            description=description,
        )
        for pk, slug, name, provider_name, description in rows
    ]
