"""Writes of the model registry: curator decisions on source identifiers."""

from django.db import transaction
from django.utils import timezone
from rest_framework.exceptions import ValidationError

from aimodelsmap.dataversion import data_version_bump
from models_registry.fact_fields import CREATOR_FIELD
from models_registry.identity import bare_model_id, canonical_slug, normalize_model_id
from models_registry.merge import MergeResult, model_merge
from models_registry.models import IdentityDecision, Model, ModelAlias, Provider, UnresolvedIdentifier
from models_registry.provenance import fact_pin
from models_registry.slugs import slug_pin


def model_variant_ensure(*, base: Model, label: str) -> tuple[Model, bool]:
    """The variant of ``base`` for a rated mode ("thinking-32k"), created if missing; ``(model, created)``.

    A variant shares its base's maker, type, status and release facts; it has no
    endpoints of its own (its prices and hosts are the base's).
    """
    existing = Model.objects.filter(variant_of=base, variant_label=label).first()
    if existing is not None:
        return existing, False
    slug = canonical_slug(f"{base.slug}-{label}")[:200]
    suffix = 2
    while Model.objects.filter(slug=slug).exists():
        slug, suffix = canonical_slug(f"{base.slug}-{label}-{suffix}")[:200], suffix + 1
    variant = Model.objects.create(
        slug=slug,
        name=f"{base.name} ({label})"[:200],
        creator_id=base.creator_id,
        model_type=base.model_type,
        status=base.status,
        family=base.family,
        release_date=base.release_date,
        context_window=base.context_window,
        max_output_tokens=base.max_output_tokens,
        open_weights=base.open_weights,
        knowledge_cutoff=base.knowledge_cutoff,
        variant_of=base,
        variant_label=label,
    )
    return variant, True


def _normalized_or_error(raw_id: str) -> str:
    normalized = normalize_model_id(raw_id)
    if not normalized:
        raise ValidationError({"raw_id": ["The identifier has no letters or digits."]})
    return normalized


def _decide(*, normalized: str, raw_id: str, source: str, source_only: bool, action: str, model, decided_by, note: str):
    if source_only and not source:
        raise ValidationError({"source": ["A ruling for one source needs the source."]})
    scope = {"source": source, "source_only": True} if source_only else {"source_only": False}
    decision, _ = IdentityDecision.objects.update_or_create(
        normalized=normalized,
        **scope,
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
    rows = UnresolvedIdentifier.objects.filter(normalized=normalized)
    if source_only:
        rows = rows.filter(source=source)
    rows.update(status=status, resolved_model=model, resolved_at=timezone.now())
    return decision


def _alias_ensure(*, model: Model, raw_id: str, normalized: str, source: str) -> None:
    existing = ModelAlias.objects.select_related("model").filter(normalized=normalized).first()
    if existing is None:
        ModelAlias.objects.create(model=model, alias=raw_id, normalized=normalized, source=source)
    elif existing.model_id != model.pk:
        raise ValidationError(
            {
                "model": [
                    f"{raw_id!r} is already an alias of {existing.model.slug!r} (as {existing.alias!r}); "
                    "rule for this source only if this source means a different model."
                ]
            }
        )


@transaction.atomic
def identity_attach(
    *, raw_id: str, model: Model, source: str = "", source_only: bool = False, decided_by=None, note: str = ""
) -> IdentityDecision:
    """Make a source id an alias of an existing model and remember the ruling.

    With ``source_only`` no alias is written: the ruling alone ties that
    source's id to the model, even when the normal form is another model's alias.
    """
    normalized = _normalized_or_error(raw_id)
    if not source_only:
        _alias_ensure(model=model, raw_id=raw_id, normalized=normalized, source=source)
    decision = _decide(
        normalized=normalized,
        raw_id=raw_id,
        source=source,
        source_only=source_only,
        action=IdentityDecision.Action.ATTACH,
        model=model,
        decided_by=decided_by,
        note=note,
    )
    data_version_bump()
    return decision


@transaction.atomic
def model_merge_by_curator(*, merged: Model, kept: Model, decided_by=None) -> MergeResult:
    """A curator's merge (the admin action, ``manage.py merge_models``): the merge, and a ruling
    that ties the merged slug to the model kept, so no rule parts what the curator joined
    (``reconcile.floating_names_split`` leaves a ruled entry as the curator made it)."""
    result = model_merge(merged=merged, kept=kept)
    identity_attach(
        raw_id=result.merged_slug, model=result.kept, decided_by=decided_by, note="merged into this model by a curator"
    )
    return result


@transaction.atomic
def identity_create_model(
    *,
    raw_id: str,
    creator: Provider,
    name: str = "",
    slug: str = "",
    model_type: str = Model.Type.LLM,
    source: str = "",
    source_only: bool = False,
    decided_by=None,
    note: str = "",
) -> Model:
    """Create a canonical model for a source id, with the id as its alias.

    With ``source_only`` the id may already be another model's alias: only
    this source's id is tied to the new model, by the ruling.
    """
    normalized = _normalized_or_error(raw_id)
    if not source_only and ModelAlias.objects.filter(normalized=normalized).exists():
        raise ValidationError(
            {"raw_id": [f"{raw_id!r} already names a model: attach it, or rule for this source only."]}
        )
    name = name.strip() or bare_model_id(raw_id)
    typed, slug = bool(slug), slug or canonical_slug(name)
    if not slug:
        raise ValidationError({"slug": ["Give the new model a slug."]})
    if Model.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": [f"A model with slug {slug!r} already exists: attach to it or choose another."]})
    model = Model.objects.create(slug=slug, name=name, creator=creator, model_type=model_type)
    if not source_only:
        ModelAlias.objects.create(model=model, alias=raw_id, normalized=normalized, source=source)
    if typed:  # the curator's slug stays; a default one follows the sources once they name the model
        slug_pin(model=model, slug=slug, author=decided_by, note="given when the model was created")
    # The curator chose who made it: a pin, so no source's later word moves it.
    fact_pin(
        model=model, field=CREATOR_FIELD, value=creator, author=decided_by, note="chosen when the model was created"
    )
    _decide(
        normalized=normalized,
        raw_id=raw_id,
        source=source,
        source_only=source_only,
        action=IdentityDecision.Action.CREATE,
        model=model,
        decided_by=decided_by,
        note=note,
    )
    data_version_bump()
    return model


@transaction.atomic
def identity_ignore(
    *, raw_id: str, source: str = "", source_only: bool = False, decided_by=None, note: str = ""
) -> IdentityDecision:
    """Tell future runs to skip this id (a router, a fine-tune slot, a retired alias)."""
    normalized = _normalized_or_error(raw_id)
    decision = _decide(
        normalized=normalized,
        raw_id=raw_id,
        source=source,
        source_only=source_only,
        action=IdentityDecision.Action.IGNORE,
        model=None,
        decided_by=decided_by,
        note=note,
    )
    # GET /v1/resolve serves rulings, ignores included.
    data_version_bump()
    return decision
