"""factory_boy factories for every model. Append new factories at the end."""

from datetime import date

import factory
from django.utils import timezone

from accounts.models import Account
from models_registry.models import Capability, Category, Endpoint, Model, ModelAlias, Provider
from pricing.models import Price
from rankings.models import Score, ScoreSnapshot, Signal


class AccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Account

    name = factory.Sequence(lambda n: f"account-{n}")
    email = factory.LazyAttribute(lambda o: f"{o.name}@example.com")


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"provider-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    is_creator = True
    is_host = True


class CapabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Capability
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"capability-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.title())


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    description = factory.LazyAttribute(lambda o: f"Models for {o.name.lower()}.")
    display_order = factory.Sequence(lambda n: n)


class ModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Model
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"model-{n}")
    name = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())
    description = factory.LazyAttribute(lambda o: f"{o.name} description")
    creator = factory.SubFactory(ProviderFactory)
    release_date = date(2025, 1, 15)
    context_window = 128000
    max_output_tokens = 8192


class ModelAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModelAlias

    model = factory.SubFactory(ModelFactory)
    alias = factory.Sequence(lambda n: f"alias-{n}")
    normalized = factory.LazyAttribute(lambda o: o.alias.lower())
    source = "test"


class EndpointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Endpoint

    model = factory.SubFactory(ModelFactory)
    host = factory.LazyAttribute(lambda o: o.model.creator)
    provider_model_id = factory.LazyAttribute(lambda o: o.model.slug)
    context_window = factory.LazyAttribute(lambda o: o.model.context_window)
    max_output_tokens = factory.LazyAttribute(lambda o: o.model.max_output_tokens)


class PriceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Price

    endpoint = factory.SubFactory(EndpointFactory)
    input_per_million = "3.00"
    output_per_million = "15.00"
    source = "test"
    effective_from = date(2025, 6, 1)


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal

    model = factory.SubFactory(ModelFactory)
    signal_type = "quality"
    source = "test"
    dedupe_key = factory.Sequence(lambda n: f"obs-{n}")
    raw_value = 1200.0
    normalized_value = 0.5
    confidence = 0.9
    recorded_at = factory.LazyFunction(timezone.now)


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Score

    model = factory.SubFactory(ModelFactory)
    category = factory.SubFactory(CategoryFactory)
    score = 50.0
    rank = 1
    quality_rank = 1
    adoption_rank = 1
    rank_low = 1
    rank_high = 1
    confidence = 0.5
    state = "stable"
    recorded_at = factory.LazyFunction(timezone.now)


class ScoreSnapshotFactory(ScoreFactory):
    class Meta:
        model = ScoreSnapshot


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.Review"

    model = factory.SubFactory(ModelFactory)
    account = factory.SubFactory(AccountFactory)
    author_name = factory.LazyAttribute(lambda o: o.account.name)
    rating = 4
    title = "Solid model"
    body = "Handles everyday work well and rarely needs a retry."
    use_case = "software-development"


class HelpfulVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.HelpfulVote"

    review = factory.SubFactory(ReviewFactory)
    account = factory.SubFactory(AccountFactory)


class ProbeTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "telemetry.ProbeTarget"

    endpoint = factory.SubFactory(EndpointFactory)
    base_url = "http://127.0.0.1:9/v1"
    api_key_env = ""
    enabled = True


class SampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "telemetry.Sample"

    endpoint = factory.SubFactory(EndpointFactory)
    measured_at = factory.LazyFunction(timezone.now)
    success = True
    http_status = 200
    error_kind = ""
    ttft_ms = 300.0
    latency_ms = 900.0
    output_tokens = 12
    tokens_per_second = 50.0


class RollupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "telemetry.Rollup"

    endpoint = factory.SubFactory(EndpointFactory)
    window = "24h"
    computed_at = factory.LazyFunction(timezone.now)
    sample_count = 100
    success_count = 100
    outage_count = 0
    uptime = 1.0
    error_rate = 0.0
    ttft_p50_ms = 300.0
    latency_p50_ms = 900.0
    latency_p95_ms = 1500.0
    tokens_per_second_p50 = 50.0
