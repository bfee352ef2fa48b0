"""Catalog reads that carry logic: slug resolution, category subtrees, score-aware lists."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import BigIntegerField, Exists, F, FloatField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Lower

from aimodelsmap.api.pagination import OrderKey
from models_registry.models import OVERALL_CATEGORY_SLUG, Category, Model, ModelAlias
from models_registry.search import SearchDocument
from rankings.models import Score

SORT_FIELDS = ("score", "name", "rank", "trending")
SORT_ORDERS = ("asc", "desc")
# sort_by -> the Score column it orders by (name orders by the model's name).
SCORE_SORT_COLUMNS = {"score": "score", "rank": "rank", "trending": "change_7d"}
# Models without a Score row sort after every scored model in either direction.
_UNSCORED_LAST = {"asc": 2**62, "desc": -(2**62)}


def model_by_slug_or_alias(slug: str) -> Model | None:
    """The model a slug or any of its aliases names (aliases match case-insensitively)."""
    if "\x00" in slug:
        return None  # no slug holds one, and PostgreSQL refuses it as a query parameter
    model = Model.objects.with_creator().filter(slug=slug).first()
    if model is not None:
        return model
    alias = (
        ModelAlias.objects.filter(Q(normalized=slug.strip().lower()) | Q(alias__iexact=slug))
        .select_related("model__creator")
        .order_by("id")
        .first()
    )
    return alias.model if alias is not None else None


def models_by_slugs_or_aliases(slugs: list[str]) -> dict[str, Model]:
    """``{requested slug: model}`` for the requested slugs that resolve (one query per kind)."""
    found = {model.slug: model for model in Model.objects.with_creator().filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        lowered = {slug.lower(): slug for slug in missing}
        aliases = ModelAlias.objects.filter(normalized__in=list(lowered)).select_related("model__creator")
        for alias in aliases:
            found.setdefault(lowered[alias.normalized], alias.model)
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


def model_list(query: ModelListQuery, *, score_category_id: int | None) -> tuple[QuerySet, list[OrderKey]]:
    """The filtered models and the keyset ordering for ``query``.

    ``score_category_id`` is the category whose Score rows order the list
    (``overall`` without a category filter). The ordering column is always
    non-NULL (unscored models get a sentinel past every real value) and the
    list ends on ``id``, so pages are stable under ties.
    """
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
    descending = query.sort_order == "desc"
    if query.sort_by == "name":
        qs = qs.annotate(sort_key=Lower("name"))
    else:
        column = SCORE_SORT_COLUMNS[query.sort_by]
        output = FloatField() if column == "score" else BigIntegerField()
        sentinel = Value(_UNSCORED_LAST[query.sort_order], output_field=output)
        if score_category_id is None:
            qs = qs.annotate(sort_key=sentinel)
        else:
            # One row at most (unique per model and category); order_by() drops
            # Score's default ordering, which would add a sort to every lookup.
            value = Score.objects.filter(model_id=OuterRef("pk"), category_id=score_category_id).order_by()
            value = value.values(column)[:1]
            qs = qs.annotate(sort_key=Coalesce(Subquery(value), sentinel, output_field=output))
    return qs, [OrderKey("sort_key", descending), OrderKey("id")]


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
