"""The plans every deployment starts with (seeded by a data migration, editable in the admin)."""

# slug, name, daily request limit (None = unlimited), may write
DEFAULT_PLANS = [
    ("anonymous", "Anonymous", 100, False),
    ("free", "Free", 1000, False),
    ("pro", "Pro", 50000, True),
    ("internal", "Internal", None, True),
]


def plans_seed(plan_model) -> None:
    """Create the default plans that are missing; never touches edited ones.

    Takes the model class so the data migration can pass its historical model.
    """
    for slug, name, limit, can_write in DEFAULT_PLANS:
        plan_model.objects.get_or_create(
            slug=slug, defaults={"name": name, "daily_request_limit": limit, "can_write": can_write}
        )
