"""A synthetic, real-looking catalog of any size, bulk-loaded for benchmarks.

Needs Django configured on the *bench* database (``bench_catalog.py`` does
this); it deletes the catalog there before loading.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from django.db import transaction

from models_registry.models import OVERALL_CATEGORY_SLUG, Category, Model, ModelAlias, Provider
from rankings.models import Score

CREATORS = [
    ("anthropic", "Anthropic", ["Claude"]),
    ("openai", "OpenAI", ["GPT", "o"]),
    ("google", "Google", ["Gemini", "Gemma"]),
    ("meta", "Meta", ["Llama"]),
    ("mistral", "Mistral", ["Mistral", "Mixtral", "Codestral"]),
    ("alibaba", "Alibaba", ["Qwen"]),
    ("deepseek", "DeepSeek", ["DeepSeek"]),
    ("microsoft", "Microsoft", ["Phi"]),
    ("cohere", "Cohere", ["Command"]),
    ("xai", "xAI", ["Grok"]),
    ("nvidia", "NVIDIA", ["Nemotron"]),
    ("ibm", "IBM", ["Granite"]),
    ("ai21", "AI21", ["Jamba"]),
    ("01-ai", "01.AI", ["Yi"]),
    ("tii", "TII", ["Falcon"]),
    ("allenai", "Ai2", ["OLMo"]),
]
# Fine-tuners republish base models under their own names.
TUNERS = ["Nous", "Dolphin", "Hermes", "OpenChat", "Airoboros", "Wizard", "Zephyr", "Tulu", "Orca", "Vicuna"]
VERSIONS = ["1", "1.5", "2", "2.5", "3", "3.1", "3.5", "3.7", "4", "4.1", "4o", "5"]
VARIANTS = ["Pro", "Flash", "Mini", "Sonnet", "Opus", "Haiku", "Instruct", "Chat", "Turbo", "Large", "Small", "Nano"]
SIZES = ["", "7B", "8B", "13B", "34B", "70B", "72B", "405B"]
CATEGORY_TREE = {
    "coding": ["coding-generation", "coding-debugging", "coding-explanation"],
    "reasoning": ["reasoning-math", "reasoning-science"],
    "writing": ["writing-creative", "writing-business"],
    "image-generation": ["image-photo", "image-illustration"],
    "agents": ["agents-tools", "agents-browsing"],
    "multilingual": [],
}
DESCRIPTIONS = [
    "{name} is a {size}general-purpose model from {creator} tuned for chat and tool use.",
    "{creator}'s {name}: fast, low-cost model for high-volume workloads.",
    "{name} by {creator}, strong at coding, reasoning and long documents.",
    "A {size}model from {creator} for multilingual assistants and retrieval.",
]


def slugify(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def _names(count: int, rng: random.Random) -> list[tuple[str, str, int]]:
    """``count`` distinct (name, slug, creator index) triples."""
    seen: set[str] = set()
    names = []
    while len(names) < count:
        creator = rng.randrange(len(CREATORS))
        family = rng.choice(CREATORS[creator][2])
        parts = [family, rng.choice(VERSIONS), rng.choice(VARIANTS), rng.choice(SIZES)]
        if rng.random() < 0.6:
            parts.insert(0, rng.choice(TUNERS))
        if rng.random() < 0.5:
            parts.append(f"v{rng.randint(1, 40)}")
        name = " ".join(part for part in parts if part)
        slug = slugify(name)
        if slug not in seen:
            seen.add(slug)
            names.append((name, slug, creator))
    return names


@transaction.atomic
def seed_catalog(*, models: int, aliases: int, seed: int = 42) -> None:
    """Replace the catalog with ``models`` models, ``aliases`` aliases and their scores."""
    rng = random.Random(seed)
    Score.objects.all().delete()
    ModelAlias.objects.all().delete()
    Model.objects.all().delete()
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()
    Provider.objects.all().delete()

    providers = Provider.objects.bulk_create(
        Provider(slug=slug, name=name, is_creator=True, is_host=True) for slug, name, _ in CREATORS
    )
    overall = Category.objects.create(slug=OVERALL_CATEGORY_SLUG, name="Overall", display_order=0)
    leaves = []
    for order, (root_slug, children) in enumerate(CATEGORY_TREE.items(), start=1):
        root = Category.objects.create(slug=root_slug, name=root_slug.replace("-", " ").title(), display_order=order)
        leaves.append(root)
        for child_order, child in enumerate(children, start=1):
            leaves.append(
                Category.objects.create(
                    slug=child, name=child.replace("-", " ").title(), parent=root, display_order=child_order
                )
            )

    rows = []
    for name, slug, creator in _names(models, rng):
        size = next((part + " " for part in name.split() if part.endswith("B") and part[:-1].isdigit()), "")
        rows.append(
            Model(
                slug=slug,
                name=name,
                creator=providers[creator],
                description=rng.choice(DESCRIPTIONS).format(name=name, creator=CREATORS[creator][1], size=size),
                status=rng.choices(Model.Status.values, weights=[80, 10, 5, 5])[0],
                release_date=date(2023, 1, 1) + timedelta(days=rng.randrange(1000)),
                context_window=rng.choice([8192, 32768, 128000, 200000, 1000000]),
            )
        )
    created = Model.objects.bulk_create(rows, batch_size=2000)

    alias_rows = []
    for position in range(aliases):
        model = created[position % len(created)]
        kind = position // len(created)
        alias = [
            f"{model.creator.slug}/{model.slug}",
            f"{model.slug}-{20240101 + position % 900}",
            f"{model.slug.replace('-', '_')}:latest",
        ][kind % 3] + ("" if kind < 3 else f"-r{kind}")
        alias_rows.append(ModelAlias(model=model, alias=alias, normalized=alias.lower(), source="bench"))
    ModelAlias.objects.bulk_create(alias_rows, batch_size=5000)

    Membership = Model.categories.through
    Membership.objects.bulk_create(
        (
            Membership(model_id=model.pk, category_id=category.pk)
            for model in created
            for category in rng.sample(leaves, rng.randint(1, 3))
        ),
        batch_size=5000,
    )

    recorded_at = datetime(2026, 2, 25, 18, 0, tzinfo=UTC)
    scored = [model for model in created if rng.random() < 0.9]
    values = sorted(((round(rng.uniform(20, 99), 1), model) for model in scored), key=lambda item: -item[0])
    Score.objects.bulk_create(
        (
            Score(
                model=model,
                category=overall,
                score=value,
                rank=rank,
                quality_rank=rank,
                adoption_rank=rng.randint(1, len(scored)),
                confidence=0.8,
                state=rng.choice(["stable", "rising", "falling", "volatile", "new_entry"]),
                change_24h=rng.randint(-3, 3),
                change_7d=rng.randint(-10, 10),
                recorded_at=recorded_at,
            )
            for rank, (value, model) in enumerate(values, start=1)
        ),
        batch_size=2000,  # a Score has about 20 columns; PostgreSQL takes at most 65,535 parameters
    )
