"""A model's lifecycle status: what its maker says, and a deprecation date that has come.

The status is the maker's: a models.dev lab card or creator's API file
(``deprecated``, ``alpha``/``beta`` = preview), and the deprecation date the
creator's own API publishes (LiteLLM's ``deprecation_date`` on the creator's
entry). A host retiring its listing changes that endpoint's status only.

A deprecation date that has come makes an active or preview model
``deprecated`` (never ``retired``: the date says when the maker stops
supporting it, not that no one serves it). Ingest applies this on today's
date when it derives a model's status (``models_registry.provenance.status_served``),
and ``model_statuses_expire`` applies it daily, so a date that passes between
snapshots shows without a new ingest.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from aimodelsmap.dataversion import data_version_bump
from models_registry.models import Model

EXPIRING = (Model.Status.ACTIVE, Model.Status.PREVIEW)


def status_on(status: str, deprecation_date: date | None, *, on: date) -> str:
    """The status on ``on``: an active or preview model whose deprecation date has come is deprecated."""
    if deprecation_date is not None and deprecation_date <= on and status in EXPIRING:
        return Model.Status.DEPRECATED
    return status


@transaction.atomic
def model_statuses_expire(*, on: date | None = None) -> int:
    """Mark deprecated the models whose deprecation date has come by ``on`` (default today); returns how many."""
    on = on or timezone.localdate()
    models = list(Model.objects.filter(status__in=EXPIRING, deprecation_date__lte=on).order_by("pk"))
    now = timezone.now()
    for model in models:
        model.status, model.updated_at = status_on(model.status, model.deprecation_date, on=on), now
    Model.objects.bulk_update(models, ["status", "updated_at"])
    if models:
        data_version_bump()
    return len(models)
