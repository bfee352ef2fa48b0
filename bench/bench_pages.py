"""Server time of the public pages, cold and cached, in-process with Django's test client. See bench/pages.md.

    DATABASE_URL=postgres://... REDIS_URL=redis://.../N .venv/bin/python -m bench.bench_pages [--repeats 200]

Runs against the database and Redis the environment names, loading the demo
data first if that database has no model (``manage.py load_demo_data``). For
each page it times the first request after a data-version bump (cold: every
query and the render, in a process that has served each page once before)
and then ``--repeats`` requests served from the cache (the version
unchanged), reporting p50 and p95 of the cached ones. The time is the
client's call: URL resolution, the whole middleware stack, the view and the
response, with no network.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimodelsmap.settings")
os.environ.setdefault("LOG_LEVEL", "ERROR")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from aimodelsmap.dataversion import data_version_bump
    from models_registry.models import Model
    from rankings.models import Score

    if not Model.objects.exists():
        call_command("load_demo_data")
    top = list(
        Score.objects.filter(category__slug="overall").order_by("rank").values_list("model__slug", flat=True)[:3]
    )
    host = Model.objects.get(slug=top[0]).endpoints.values_list("host__slug", flat=True).first() or "openrouter"
    pages = {
        "home": "/",
        "search": "/search/?q=cluade+sonet",
        "leaderboard p1": "/leaderboards/overall/",
        "leaderboard filtered": "/leaderboards/overall/?open_weights=yes&max_price=2&sort=price",
        "quality vs price": "/leaderboards/coding/quality-vs-price/",
        "model": f"/models/{top[0]}/",
        "compare": "/compare/?models=" + ",".join(top),
        "provider": f"/providers/{host}/",
    }
    client = Client()
    # One untimed pass first: imports, template compilation and the search index are one-off costs of a
    # new process, not of building a page.
    for path in pages.values():
        client.get(path)
    data_version_bump()  # outside a transaction: at once; every cached page is now out of date
    print(f"{'page':<22} {'status':>6} {'cold ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'KB':>6}")
    for name, path in pages.items():
        started = time.perf_counter()
        response = client.get(path)
        cold = (time.perf_counter() - started) * 1000
        timings = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        timings.sort()
        p95 = timings[int(0.95 * (len(timings) - 1))]
        size = len(response.content) / 1024
        print(
            f"{name:<22} {response.status_code:>6} {cold:>9.1f} {statistics.median(timings):>8.2f} "
            f"{p95:>8.2f} {size:>6.0f}"
        )


if __name__ == "__main__":
    main()
