"""Recompute stored normal forms: a listing revision after a snapshot's date comes off with its minor number.

Bedrock's GovCloud routes write Anthropic's ids without the vendor
(``claude-sonnet-4-5-20250929-v1:0``), so the ``:0`` stayed in the normal form
and the id named a model of its own. The same recomputation as 0005, run again
because the rules changed; and a model that the recomputation leaves without
any id (each of its ids now names another model) is merged into that model as
a curator's merge would be, so its listings and ratings follow its ids. A merge
the rules of identity refuse is left for a curator (admin: "Merge the selected model
into another").
"""

from importlib import import_module

from django.db import migrations


def renormalize(apps, schema_editor, *, by_ids: bool = False):
    """``by_ids``: a model whose every id now names another model is that model by its ids, which a
    merge takes as a host's link (``merge_refusal(linked=True)``: two makers' models or other sizes
    still stay apart), rather than asking its slug, which the old rules gave it (0017)."""
    from models_registry.identity.normalize import normalize_model_id

    ModelAlias = apps.get_model("models_registry", "ModelAlias")
    holder = dict(ModelAlias.objects.values_list("normalized", "model_id"))
    # Each model's ids and the models their new normal forms already name.
    renamed: dict[int, set[int]] = {}
    for alias, model_id in ModelAlias.objects.values_list("alias", "model_id"):
        taken_by = holder.get(normalize_model_id(alias)[:300])
        renamed.setdefault(model_id, set()).add(taken_by if taken_by not in (None, model_id) else model_id)
    import_module("models_registry.migrations.0005_renormalize_identifiers").renormalize(apps, schema_editor)
    orphans = {
        model_id: targets.pop()
        for model_id, targets in renamed.items()
        if len(targets) == 1 and model_id not in targets and not ModelAlias.objects.filter(model_id=model_id).exists()
    }
    if orphans:
        _merge_orphans(orphans, linked=by_ids)


def _merge_orphans(orphans: dict[int, int], *, linked: bool = False) -> None:
    # The live merge, on purpose: a frozen copy would miss what a merge moves in this release.
    from models_registry.merge import MergeRefused, model_merge
    from models_registry.models import Model

    for merged_id, kept_id in sorted(orphans.items()):
        models = Model.objects.in_bulk([merged_id, kept_id])
        if len(models) != 2:
            continue
        try:
            model_merge(merged=models[merged_id], kept=models[kept_id], linked=linked)
        except MergeRefused:
            continue


class Migration(migrations.Migration):
    dependencies = [("models_registry", "0015_fact_said_as")]

    operations = [migrations.RunPython(renormalize, migrations.RunPython.noop)]
