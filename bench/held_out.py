"""What a file the project does not ship changes when it is read after the newest files. See bench/ingest.md.

    DATABASE_URL=postgres://.../catalog .venv/bin/python -m bench.held_out SOURCE FILE [--as-of DATE] [--arena A]

Copies the database DATABASE_URL names (every shipped file ingested
beforehand) to ``<name>_held_out``, reads FILE there with ``manage.py
ingest`` and compares what the catalog serves before and after, as the
acceptance of the provenance work asks of an older release or a snapshot
between the shipped ones:

- the current list price (``pricing.selectors.prices_in_force``) and status
  of every endpoint that existed before;
- the status of every model that existed before;
- every quality rating of the text arena's boards;
- what the file created that is live now: an endpoint not retired or
  priced, a model not retired (an older file's listings should be history);

then reads the file a second time and reports anything that changed. The
original database is left as it was (nothing may be connected to it while it
is copied), and so are its caches but for the data version the ingest bumps
in the Redis ``REDIS_URL`` names; the copy is dropped at the end unless
``--keep``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
SHOWN = 10
# A model's slug and an endpoint's host and id by their key, as last read (a slug may change: the
# key is the row's id); and whether the row is live (not retired, or priced).
LABELS: dict[str, str] = {}
LIVE: dict[str, bool] = {}


def snapshot(on: date) -> dict[str, object]:
    """What the catalog serves, keyed by database ids (stable within one database, and so in its copy)."""
    from models_registry.models import Endpoint, Model
    from pricing.selectors import prices_in_force
    from rankings.models import Signal

    served: dict[str, object] = {}
    for pk, slug, status in Model.objects.values_list("pk", "slug", "status"):
        served[f"model #{pk}"] = status
        LABELS[f"model #{pk}"] = slug
        LIVE[f"model #{pk}"] = status != Model.Status.RETIRED
    endpoints = list(Endpoint.objects.values_list("pk", "status", "provider_model_id", "host__slug"))
    prices = prices_in_force(endpoint_ids=[row[0] for row in endpoints], on=on)
    for pk, status, provider_id, host in endpoints:
        price = prices.get(pk)
        listed = None if price is None else (str(price.input_per_million), str(price.output_per_million), price.source)
        served[f"endpoint #{pk}"] = (status, listed)
        LABELS[f"endpoint #{pk}"] = f"{host}:{provider_id}"
        LIVE[f"endpoint #{pk}"] = status != Endpoint.Status.RETIRED or price is not None
    ratings = Signal.objects.filter(source="arena", signal_type="quality", dedupe_key__startswith="text/")
    for model_id, board, at, value in ratings.values_list("model_id", "dedupe_key", "recorded_at", "raw_value"):
        served[f"rating model #{model_id} {board} {at.date()}"] = value
    return served


def changes(before: dict, after: dict, *, additions: bool = False) -> Counter:
    """Count (and print the first few of) the served values that changed or disappeared, and with
    ``additions`` the new ones too (a first read of a file adds what it alone knows)."""
    counted: Counter = Counter()
    keys = sorted(before.keys() | after.keys()) if additions else sorted(before)
    for key in keys:
        was, now = before.get(key, "new"), after.get(key, "gone")
        if was != now:
            kind = key.split(" ")[0]
            counted[kind] += 1
            if counted[kind] <= SHOWN:
                print(f"  {key} {LABELS.get(key, '')}: {was} -> {now}")
    return counted


def ingest(env: dict, args) -> None:
    command = [sys.executable, "manage.py", "ingest", args.source, "--file", str(args.file.absolute()), "-v0"]
    command += ["--as-of", args.as_of] if args.as_of else []
    command += ["--arena", args.arena] if args.arena else []
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source")
    parser.add_argument("file", type=Path)
    parser.add_argument("--as-of")
    parser.add_argument("--arena")
    parser.add_argument(
        "--on", type=date.fromisoformat, default=date.today(), help="the day prices are read on (default today)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the copy")
    args = parser.parse_args()

    url = urlsplit(os.environ["DATABASE_URL"])
    original = url.path.lstrip("/")
    copy = f"{original}_held_out"
    admin = urlunsplit(url._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(copy)))
        # Fails while anything else (a web process, a worker) is connected to the original.
        connection.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(copy), sql.Identifier(original))
        )
    try:
        compare(args, env={**os.environ, "DATABASE_URL": urlunsplit(url._replace(path=f"/{copy}"))})
    finally:
        if not args.keep:
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(copy)))


def compare(args, *, env: dict) -> None:
    """Read the file into the copy ``env`` names, twice, printing what each read changed."""
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimodelsmap.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    try:
        before = snapshot(args.on)
        ingest(env, args)
        connection.close()
        after = snapshot(args.on)
        added = after.keys() - before.keys()
        print(f"read {args.file.name} after the newest files ({len(added):,} served values new):")
        print(f"changed or gone: {dict(changes(before, after)) or 'nothing'}")
        live = [key for key in sorted(added) if LIVE.get(key)]
        print(f"new and live (an endpoint not retired or priced, a model not retired): {len(live):,}")
        for key in live[:SHOWN]:
            print(f"  {key} {LABELS.get(key, '')}: {after[key]}")
        ingest(env, args)
        connection.close()
        print("read a second time:")
        print(f"changed, gone or new: {dict(changes(after, snapshot(args.on), additions=True)) or 'nothing'}")
    finally:
        connection.close()


if __name__ == "__main__":
    main()
