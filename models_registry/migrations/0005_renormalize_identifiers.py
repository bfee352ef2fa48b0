"""Recompute stored normal forms under this release's rules.

Normal forms are derived data: ``normalized`` columns cache
``normalize_model_id(raw id)`` so lookups are one indexed comparison. The rules
changed ("-latest" is kept, hosts' tiers and glued publishers are dropped), so
rows written earlier are brought up to date here, with the live function on
purpose: a frozen copy would recompute the old rule. Where two rows now share
a normal form, the oldest keeps it and the later duplicate is dropped (for
aliases: the model keeps its other aliases; the dropped id resolves through the
kept row).
"""

from django.db import migrations


def renormalize(apps, schema_editor):
    from models_registry.identity.normalize import normalize_model_id

    ModelAlias = apps.get_model("models_registry", "ModelAlias")
    UnresolvedIdentifier = apps.get_model("models_registry", "UnresolvedIdentifier")
    IdentityDecision = apps.get_model("models_registry", "IdentityDecision")

    def recompute(model, raw_field: str, scope):
        seen: set = set()
        drop, change = [], []
        for row in model.objects.order_by("id"):
            normalized = normalize_model_id(getattr(row, raw_field))[:300]
            key = (*scope(row), normalized)
            if key in seen or not normalized:
                drop.append(row.pk)
                continue
            seen.add(key)
            if row.normalized != normalized:
                row.normalized = normalized
                change.append(row)
        model.objects.filter(pk__in=drop).delete()
        # Two passes: a row may take a form another row is about to give up.
        for row in change:
            model.objects.filter(pk=row.pk).update(normalized=f"~renormalizing~{row.pk}")
        for row in change:
            model.objects.filter(pk=row.pk).update(normalized=row.normalized)

    recompute(ModelAlias, "alias", lambda row: ())
    recompute(UnresolvedIdentifier, "raw_id", lambda row: (row.source,))
    recompute(IdentityDecision, "raw_id", lambda row: (row.source_only, row.source if row.source_only else ""))


class Migration(migrations.Migration):
    dependencies = [("models_registry", "0004_model_variants")]

    operations = [migrations.RunPython(renormalize, migrations.RunPython.noop)]
