"""Writes of the model registry: curator decisions on source identifiers."""

from django.db import transaction
from rest_framework.exceptions import ValidationError

from aimodelsmap.dataversion import data_version_bump
from models_registry.identity import canonical_slug, normalize_model_id
from models_registry.models import IdentityDecision, Model, ModelAlias, Provider, UnresolvedIdentifier


def _normalized_or_error(raw_id: str) -> str:
    normalized = normalize_model_id(raw_id)
    if not normalized:
        raise ValidationError({"raw_id": ["The identifier has no letters or digits."]})
    return normalized


def _decide(*, normalized: str, raw_id: str, source: str, action: str, model, decided_by, note: str):
    decision, _ = IdentityDecision.objects.update_or_create(
        normalized=normalized,
        defaults={
            "raw_id": raw_id,
            "source": source,
            "action": action,
            "model": model,
            "decided_by": decided_by,
            "note": note,
        },
    )
    status = UnresolvedIdentifier.Status.IGNORED if model is None else UnresolvedIdentifier.Status.RESOLVED
    UnresolvedIdentifier.objects.filter(normalized=normalized).update(status=status, resolved_model=model)
    return decision


def _alias_ensure(*, model: Model, raw_id: str, normalized: str, source: str) -> None:
    existing = ModelAlias.objects.select_related("model").filter(normalized=normalized).first()
    if existing is None:
        ModelAlias.objects.create(model=model, alias=raw_id, normalized=normalized, source=source)
    elif existing.model_id != model.pk:
        raise ValidationError(
            {"model": [f"{raw_id!r} is already an alias of {existing.model.slug!r} (as {existing.alias!r})."]}
        )


@transaction.atomic
def identity_attach(
    *, raw_id: str, model: Model, source: str = "", decided_by=None, note: str = ""
) -> IdentityDecision:
    """Make a source id an alias of an existing model and remember the ruling."""
    normalized = _normalized_or_error(raw_id)
    _alias_ensure(model=model, raw_id=raw_id, normalized=normalized, source=source)
    decision = _decide(
        normalized=normalized,
        raw_id=raw_id,
        source=source,
        action=IdentityDecision.Action.ATTACH,
        model=model,
        decided_by=decided_by,
        note=note,
    )
    data_version_bump()
    return decision


@transaction.atomic
def identity_create_model(
    *,
    raw_id: str,
    creator: Provider,
    name: str = "",
    slug: str = "",
    model_type: str = Model.Type.LLM,
    source: str = "",
    decided_by=None,
    note: str = "",
) -> Model:
    """Create a canonical model for a source id nothing else names, with the id as its alias."""
    normalized = _normalized_or_error(raw_id)
    if ModelAlias.objects.filter(normalized=normalized).exists():
        raise ValidationError({"raw_id": [f"{raw_id!r} already names a model: attach it instead."]})
    bare_id = raw_id.rsplit("/", 1)[-1]
    name = name.strip() or bare_id
    slug = slug or canonical_slug(name)
    if not slug:
        raise ValidationError({"slug": ["Give the new model a slug."]})
    if Model.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": [f"A model with slug {slug!r} already exists: attach to it or choose another."]})
    model = Model.objects.create(slug=slug, name=name, creator=creator, model_type=model_type)
    ModelAlias.objects.create(model=model, alias=raw_id, normalized=normalized, source=source)
    _decide(
        normalized=normalized,
        raw_id=raw_id,
        source=source,
        action=IdentityDecision.Action.CREATE,
        model=model,
        decided_by=decided_by,
        note=note,
    )
    data_version_bump()
    return model


@transaction.atomic
def identity_ignore(*, raw_id: str, source: str = "", decided_by=None, note: str = "") -> IdentityDecision:
    """Tell every future run to skip this id (a router, a fine-tune slot, a retired alias)."""
    normalized = _normalized_or_error(raw_id)
    return _decide(
        normalized=normalized,
        raw_id=raw_id,
        source=source,
        action=IdentityDecision.Action.IGNORE,
        model=None,
        decided_by=decided_by,
        note=note,
    )
