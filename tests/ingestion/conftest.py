"""Shared fixtures: the real datasets beside the checkout, the demo excerpts, and runners."""

import shutil
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from ingestion.services import data_source_for, pipeline_run
from tests.conftest import SHARED_DATA_DIR

DATA_DIR = SHARED_DATA_DIR
DEMO_DIR = settings.BASE_DIR / "demo_data"
MODELS_DEV_OLD = DEMO_DIR / "models-dev-2025-12-31.tar.gz"
MODELS_DEV_NEW = DEMO_DIR / "models-dev-2026-07-01.tar.gz"
LITELLM = DEMO_DIR / "litellm-1.109.1-model-prices.json"
OPENROUTER = DEMO_DIR / "openrouter-models-2026-07-01.json"
GENAI_PRICES = DEMO_DIR / "genai-prices-2026-08-21.json"
ARENA = DEMO_DIR / "leaderboard-text-2025-12-11.json"


def ingest(pipeline: str, path: Path, *, as_of: date | None = None, dry_run: bool = False):
    return pipeline_run(source=data_source_for(pipeline), path=path, as_of=as_of, dry_run=dry_run)


@pytest.fixture
def copy_of(tmp_path):
    """A writable copy of a shipped file, to corrupt."""

    def make(path: Path, name: str | None = None) -> Path:
        target = tmp_path / (name or path.name)
        shutil.copy(path, target)
        return target

    return make
