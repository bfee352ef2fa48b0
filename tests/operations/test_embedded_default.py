"""The embedded default (no DATABASE_URL, no REDIS_URL) behaves as one service.

The web server is one process (see test_web_server.py), so its in-memory
counters and caches are the only ones. What another process changes, the
data versions bumped by `manage.py ingest` and `recompute_scores`, lives in
files every process reads, and the web process reads them on every request.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def embedded(tmp_path, code: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}}
    env.update(SQLITE_PATH=str(tmp_path / "db.sqlite3"), EMBEDDED_VERSIONS_DIR=str(tmp_path / "versions"))
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_the_embedded_default_keeps_data_versions_where_every_process_sees_them(tmp_path):
    settings = embedded(
        tmp_path,
        "from django.conf import settings as s;"
        "print(s.DATA_VERSION_CACHE, s.CACHES[s.DATA_VERSION_CACHE]['BACKEND'], s.DATA_VERSION_LOCAL_CACHE_SECONDS)",
    )
    assert settings == "versions django.core.cache.backends.filebased.FileBasedCache 0.0"


def test_a_bump_in_one_process_is_the_next_read_in_another(tmp_path):
    read = "from aimodelsmap.dataversion import data_version; print(data_version())"
    first = int(embedded(tmp_path, read))
    assert int(embedded(tmp_path, read)) == first
    embedded(tmp_path, "from aimodelsmap.dataversion import DATA_VERSION_KEY, _bump_now; _bump_now(DATA_VERSION_KEY)")
    assert int(embedded(tmp_path, read)) > first
