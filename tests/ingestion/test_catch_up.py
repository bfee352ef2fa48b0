"""A file whose ids waited in the queue is read again once a later run names their model (another
source's, or another snapshot of the same source); the file a run just read is not read again."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from ingestion import services
from ingestion.models import PipelineRun
from ingestion.services import data_source_for, pipeline_run
from models_registry.models import Endpoint, UnresolvedIdentifier
from pricing.models import Price
from tests.factories import ModelAliasFactory, ModelFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _host_price_list(tmp_path):
    path = tmp_path / "litellm.json"
    chat = {"mode": "chat", "input_cost_per_token": 3e-7, "output_cost_per_token": 9e-7}
    path.write_text(json.dumps({"together_ai/zeta-chat-7b": {"litellm_provider": "together_ai", **chat}}))
    return path


def _lab_card(tmp_path):
    root = tmp_path / "models-dev"
    (root / "models" / "zetalab").mkdir(parents=True, exist_ok=True)
    (root / "models" / "zetalab" / "zeta-chat-7b.toml").write_text(
        'name = "Zeta Chat 7B"\nrelease_date = "2026-05-01"\nlast_updated = "2026-05-01"\nopen_weights = true\n'
        '[limit]\ncontext = 32_768\noutput = 4_096\n[modalities]\ninput = ["text"]\noutput = ["text"]\n'
    )
    return root


def test_a_hosts_file_is_read_again_once_a_lab_card_names_its_queued_id(tmp_path):
    prices = _host_price_list(tmp_path)
    first = pipeline_run(source=data_source_for("litellm"), path=prices, as_of=date(2026, 6, 1))
    assert first.caught_up == []
    assert UnresolvedIdentifier.objects.get().status == UnresolvedIdentifier.Status.PENDING
    assert not Endpoint.objects.exists()

    card = pipeline_run(source=data_source_for("models-dev"), path=_lab_card(tmp_path), as_of=date(2026, 7, 1))

    assert [(r.run.source.pipeline, r.run.input, r.run.as_of) for r in card.caught_up] == [
        ("litellm", str(prices.absolute()), date(2026, 6, 1))
    ]
    endpoint = Endpoint.objects.get(provider_model_id="zeta-chat-7b")
    assert (endpoint.host.slug, endpoint.model.slug) == ("togetherai", "zeta-chat-7b")
    price = Price.objects.get(endpoint=endpoint)
    assert (price.source, price.effective_from, price.input_per_million) == (
        "litellm",
        date(2026, 6, 1),
        Decimal("0.3"),
    )
    row = UnresolvedIdentifier.objects.get()
    assert (row.status, row.resolved_model.slug) == (UnresolvedIdentifier.Status.RESOLVED, "zeta-chat-7b")
    assert row.resolved_at is not None

    again = pipeline_run(source=data_source_for("models-dev"), path=_lab_card(tmp_path), as_of=date(2026, 7, 1))
    assert again.caught_up == [] and again.changed is False
    assert PipelineRun.objects.filter(source__pipeline="litellm").count() == 2


def test_a_file_no_longer_on_disk_or_changed_since_is_not_read_again(tmp_path):
    prices = _host_price_list(tmp_path)
    pipeline_run(source=data_source_for("litellm"), path=prices, as_of=date(2026, 6, 1))
    prices.write_text(prices.read_text().replace("3e-07", "4e-07"))  # another content: not what was queued

    card = pipeline_run(source=data_source_for("models-dev"), path=_lab_card(tmp_path), as_of=date(2026, 7, 1))

    assert card.caught_up == []
    assert not Endpoint.objects.filter(provider_model_id="zeta-chat-7b").exists()


def _price_list(path, entries):
    chat = {"mode": "chat", "input_cost_per_token": 5e-7, "output_cost_per_token": 5e-7}
    path.write_text(json.dumps({key: {"litellm_provider": provider, **chat} for key, provider in entries}))
    return path


def test_an_older_snapshot_read_last_lets_the_newest_snapshot_write_the_host_id_it_queued(tmp_path):
    # The newest price list names a host's id of a model no record yet creates.
    newest = _price_list(
        tmp_path / "litellm-new.json",
        [("fireworks_ai/accounts/fireworks/models/dolphin-2p6-mixtral-8x7b", "fireworks_ai")],
    )
    pipeline_run(source=data_source_for("litellm"), path=newest, as_of=date(2026, 7, 1))
    assert UnresolvedIdentifier.objects.get().status == UnresolvedIdentifier.Status.PENDING

    # An older release of the same price list, read after it, creates the model.
    older = _price_list(
        tmp_path / "litellm-old.json", [("deepinfra/cognitivecomputations/dolphin-2.6-mixtral-8x7b", "deepinfra")]
    )
    run = pipeline_run(source=data_source_for("litellm"), path=older, as_of=date(2025, 1, 31))

    assert [(r.run.input, r.run.as_of) for r in run.caught_up] == [(str(newest.absolute()), date(2026, 7, 1))]
    endpoint = Endpoint.objects.get(provider_model_id="accounts/fireworks/models/dolphin-2p6-mixtral-8x7b")
    assert (
        endpoint.model == Endpoint.objects.get(provider_model_id="cognitivecomputations/dolphin-2.6-mixtral-8x7b").model
    )
    assert endpoint.status == Endpoint.Status.ACTIVE
    assert Price.objects.get(endpoint=endpoint).effective_from == date(2026, 7, 1)
    assert UnresolvedIdentifier.objects.get().status == UnresolvedIdentifier.Status.RESOLVED
    # A second run of the older file changes nothing and reads nothing again.
    again = pipeline_run(source=data_source_for("litellm"), path=older, as_of=date(2025, 1, 31))
    assert again.caught_up == [] and again.changed is False


def test_a_run_that_resolves_its_own_queued_id_reads_no_file_again(tmp_path):
    newest = _price_list(tmp_path / "litellm-new.json", [("together_ai/zeta-chat-7b", "together_ai")])
    pipeline_run(source=data_source_for("litellm"), path=newest, as_of=date(2026, 7, 1))
    assert UnresolvedIdentifier.objects.get().status == UnresolvedIdentifier.Status.PENDING
    # An older snapshot of the same source that also queued it, then a curator's model for it.
    older = _price_list(tmp_path / "litellm-old.json", [("together_ai/zeta-chat-7b", "together_ai")])
    pipeline_run(source=data_source_for("litellm"), path=older, as_of=date(2025, 1, 31))
    ModelAliasFactory(model=ModelFactory(slug="zeta-chat-7b"), alias="zeta-chat-7b", normalized="zeta-chat-7b")

    again = pipeline_run(source=data_source_for("litellm"), path=newest, as_of=date(2026, 7, 1))

    # The newest file, just read, resolved its own id: only the older snapshot that queued it is read again.
    assert [(r.run.input, r.run.as_of) for r in again.caught_up] == [(str(older.absolute()), date(2025, 1, 31))]
    assert UnresolvedIdentifier.objects.get().status == UnresolvedIdentifier.Status.RESOLVED


def test_files_are_read_again_round_after_round_until_a_round_closes_no_queue_row(tmp_path, monkeypatch):
    # Round 1 reads the older price list again; its run closes a queue row of the newest one (a merge
    # had made that id resolvable), so round 2 reads the newest, the file of the run that started it all.
    older = _price_list(tmp_path / "litellm-old.json", [("together_ai/zeta-chat-7b", "together_ai")])
    newest = _price_list(tmp_path / "litellm-new.json", [("together_ai/zeta-chat-7b", "together_ai")])
    runs = {
        path: pipeline_run(source=data_source_for("litellm"), path=path, as_of=as_of).run
        for path, as_of in ((older, date(2025, 1, 31)), (newest, date(2026, 7, 1)))
    }
    asked = []

    def rounds(*, since, read):
        asked.append(set(read))
        return [[runs[older]], [runs[newest]], []][len(asked) - 1]

    monkeypatch.setattr(services, "runs_to_catch_up", rounds)
    own = {("litellm", runs[newest].input): (runs[newest].started_at, runs[newest].started_at)}

    read = services.files_catch_up(since=runs[newest].started_at, read=own)

    assert [(r.run.input, r.run.as_of) for r in read] == [
        (str(older.absolute()), date(2025, 1, 31)),
        (str(newest.absolute()), date(2026, 7, 1)),
    ]
    # Each round is told which files the round before read, whose own closed rows ask for nothing;
    # the rounds end with one that finds nothing.
    assert asked == [set(own), {("litellm", str(older.absolute()))}, {("litellm", str(newest.absolute()))}]


def test_a_row_a_file_read_again_closes_for_itself_asks_for_no_other_read(tmp_path):
    newest = _price_list(tmp_path / "litellm-new.json", [("together_ai/zeta-chat-7b", "together_ai")])
    run = pipeline_run(source=data_source_for("litellm"), path=newest, as_of=date(2026, 7, 1)).run
    row = UnresolvedIdentifier.objects.get()
    ModelAliasFactory(model=ModelFactory(slug="zeta-chat-7b"), alias="zeta-chat-7b", normalized="zeta-chat-7b")
    started = timezone.now()
    pipeline_run(source=data_source_for("litellm"), path=newest, as_of=date(2026, 7, 1), catch_up=False)
    window = {("litellm", run.input): (started, timezone.now())}
    row.refresh_from_db()
    assert row.status == UnresolvedIdentifier.Status.RESOLVED

    # Closed during the file's own read: written by it. Closed by anything else: the file is read again.
    assert services.runs_to_catch_up(since=started, read=window) == []
    assert [r.input for r in services.runs_to_catch_up(since=started)] == [run.input]
