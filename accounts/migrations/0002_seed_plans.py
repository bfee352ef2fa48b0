from django.db import migrations

PLANS = [
    # slug, name, daily limit (None = unlimited), may write
    ("anonymous", "Anonymous", 100, False),
    ("free", "Free", 1000, False),
    ("pro", "Pro", 50000, True),
    ("internal", "Internal", None, True),
]


def seed_plans(apps, schema_editor):
    Plan = apps.get_model("accounts", "Plan")
    for slug, name, limit, can_write in PLANS:
        Plan.objects.get_or_create(
            slug=slug, defaults={"name": name, "daily_request_limit": limit, "can_write": can_write}
        )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(seed_plans, migrations.RunPython.noop)]
