"""Upgrading keeps what curators typed in the admin before slugs and provider names were derived."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from models_registry.models import ModelFact, Provider

BEFORE = [("models_registry", "0010_queue_resolved_at")]
AFTER = [("models_registry", "0011_public_ids_evidence")]
# The admin's log as it stands today, beside the catalog before the upgrade.
ADMIN_LOG = [
    ("admin", "0003_logentry_add_action_flag_choices"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("auth", "0012_alter_user_first_name_max_length"),
]
ADDITION, CHANGE = 1, 2


@pytest.mark.django_db(transaction=True)
def test_names_and_slugs_typed_in_the_admin_stay_the_curators():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state([*BEFORE, *ADMIN_LOG]).apps
    old = {name: apps.get_model("models_registry", name) for name in ("Provider", "Model")}
    LogEntry, ContentType = apps.get_model("admin", "LogEntry"), apps.get_model("contenttypes", "ContentType")
    curator = apps.get_model("auth", "User").objects.create(username="curator")
    renamed = old["Provider"].objects.create(slug="mistral", name="Mistral (Paris)")
    added = old["Provider"].objects.create(slug="acme", name="ACME Labs")
    untouched = old["Provider"].objects.create(slug="nebius", name="Nebius")
    slugged = old["Model"].objects.create(slug="my-slug", name="X", creator=untouched)
    named_only = old["Model"].objects.create(slug="other", name="Y", creator=untouched)

    def log(obj, flag: int, message: str, when=datetime(2026, 3, 1, tzinfo=UTC)):
        content_type, _ = ContentType.objects.get_or_create(app_label="models_registry", model=obj._meta.model_name)
        LogEntry.objects.create(
            user=curator,
            content_type=content_type,
            object_id=str(obj.pk),
            object_repr=str(obj.pk),
            action_flag=flag,
            change_message=message,
            action_time=when,
        )

    log(renamed, CHANGE, '[{"changed": {"fields": ["Name", "Website"]}}]')
    log(added, ADDITION, '[{"added": {}}]')
    log(untouched, CHANGE, '[{"changed": {"fields": ["Is host"]}}]')
    log(slugged, CHANGE, '[{"changed": {"fields": ["Slug"]}}]')
    log(named_only, CHANGE, "Changed name.")

    executor.loader.build_graph()
    executor.migrate(AFTER)

    assert dict(Provider.objects.values_list("slug", "name_basis")) == {
        "mistral": "curator",
        "acme": "curator",
        "nebius": "",
    }
    pins = ModelFact.objects.filter(field="slug").values_list("model_id", "value", "pinned", "author_id", "as_of")
    assert [(pk, value, pinned, author) for pk, value, pinned, author, _ in pins] == [
        (slugged.pk, "my-slug", True, curator.pk)
    ]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
