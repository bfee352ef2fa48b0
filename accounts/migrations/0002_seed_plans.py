from django.db import migrations

from accounts.plans import plans_seed


def seed_plans(apps, schema_editor):
    plans_seed(apps.get_model("accounts", "Plan"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(seed_plans, migrations.RunPython.noop)]
