"""How closely our quality ranks follow the newest arena boards. See bench/rankings.md.

    DATABASE_URL=postgres://... .venv/bin/python -m bench.agreement [--data ../shared/data/arena] [--at ISO]

Reads the database DATABASE_URL names (ingested and recomputed beforehand),
runs the engine in-process at T (default now) and, for every category an arena
board is mapped to, compares the category's reference board (the board of the
newest arena snapshot that rates the most of our models there) with our
``quality_rank``:

- Spearman over every model the board rates that resolved to one of ours, and
  over the board's top 50 of them;
- where the board's #1 lands in our quality ranks;
- the median rank-spread width of the board's top 20 resolved models: ours
  (quality rank, and the published composite rank) beside the board's own,
  LMArena's rule over the whole board (best = 1 + models whose 95% interval
  lies wholly above, worst = N - models wholly below);

once against that reference board, once against the board the engine
anchors the category's quality on (the same board unless another covers more
of our models in the newest snapshot), and, where several boards measure the
category (its peers: the language boards of multilingual), against each of
them beside the median top-50 Spearman of the category's other boards with
it (how far one order can follow boards that disagree), and against the
boards pooled into one (``pooled_board``: the category's own board, were the
arena to publish one) beside how closely that pooled order follows each
board over its top 50; then prints the
composite ``overall`` top 15 beside the arena's. Boards of the newest file
that the database does not hold (left to a curator by the mapping rule) are
a held-out check: they are compared with ``overall`` quality.
"""

from __future__ import annotations

import argparse
import json
import os
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

TOP = 50
SPREAD_TOP = 20
SHOWN = 15
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "arena"


def board_name(dedupe_key: str) -> str:
    """The board within its arena: "full" for both "full" and the arena-keyed "text/full"."""
    return dedupe_key.rsplit("/", 1)[-1]


def own_spreads(entries: dict) -> dict[str, int]:
    """LMArena's rank interval width of every model of a board, from the published 95% intervals."""
    ids = list(entries)
    low = np.array([entries[i]["rating_q025"] for i in ids])
    high = np.array([entries[i]["rating_q975"] for i in ids])
    n = len(ids)
    best = 1 + (n - np.searchsorted(np.sort(low), high, side="right"))
    worst = n - np.searchsorted(np.sort(high), low, side="left")
    return dict(zip(ids, (worst - best).tolist(), strict=True))


def top50_agreement(rows: list, other: list) -> float:
    """Spearman between two boards' ratings over the first board's top 50 that the second also rates."""
    from scipy.stats import spearmanr

    theirs = {r[0]: r[1] for r in other}
    top = [r for r in sorted(rows, key=lambda r: -r[1]) if r[0] in theirs][:TOP]
    return spearmanr([r[1] for r in top], [theirs[r[0]] for r in top]).statistic


def pooled_board(peers: list[tuple[str, list]], published: dict) -> list[tuple[int, float, None]]:
    """The category's boards pooled into one, as a reader would pool them without our engine.

    Each rating is a model's quality plus its board's offset (boards rate different models, so
    their means are not comparable), fitted by least squares weighted by the precision each board
    publishes (its 95% interval); the first board's offset is 0. Returns [(model id, pooled rating,
    None)], rows of the shape ``newest_arena_rows`` gives.
    """
    models: dict[int, int] = {}
    entries = []  # (model index, board index, rating, weight)
    for board_index, (key, rows) in enumerate(peers):
        board = published.get(board_name(key), {})
        for model_id, rating, arena_id in rows:
            entry = board.get(arena_id)
            spread = (entry["rating_q975"] - entry["rating_q025"]) / 3.92 if entry else 0.0
            weight = 1 / spread**2 if spread > 0 else 1.0
            entries.append((models.setdefault(model_id, len(models)), board_index, rating, weight))
    design = np.zeros((len(entries), len(models) + len(peers) - 1))
    target, root_weight = np.zeros(len(entries)), np.zeros(len(entries))
    for row, (model_index, board_index, rating, weight) in enumerate(entries):
        design[row, model_index] = 1.0
        if board_index:
            design[row, len(models) + board_index - 1] = 1.0
        target[row], root_weight[row] = rating, np.sqrt(weight)
    fitted = np.linalg.lstsq(design * root_weight[:, None], target * root_weight, rcond=None)[0]
    return [(model_id, float(fitted[index]), None) for model_id, index in models.items()]


def newest_arena_rows():
    """(board key, category id) -> [(model id, rating, arena id)] of the newest snapshot of each arena board."""
    from django.db.models import Max

    from rankings.models import Signal

    arena = Signal.objects.filter(source="arena", signal_type="quality")
    newest = dict(arena.values("dedupe_key").annotate(last=Max("recorded_at")).values_list("dedupe_key", "last"))
    boards: dict[tuple, list] = {}
    for key, last in newest.items():
        rows = arena.filter(dedupe_key=key, recorded_at=last).values_list(
            "model_id", "raw_value", "metadata", "category_id"
        )
        for model_id, rating, metadata, category_id in rows:
            boards.setdefault((key, category_id), []).append((model_id, rating, (metadata or {}).get("arena_id")))
    return boards, newest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--at", default=None, help="T, ISO 8601 (default now).")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aimodelsmap.settings")
    import django

    django.setup()
    from scipy.stats import spearmanr

    from models_registry.models import OVERALL_CATEGORY_SLUG, Category, Model
    from rankings import loaders, scoring
    from rankings.models import Signal

    at = datetime.fromisoformat(args.at) if args.at else datetime.now(UTC)
    newest_file = sorted(args.data.glob("leaderboard-text-*.json"))[-1]
    published = json.loads(newest_file.read_text())
    loaders.overall_category()
    categories = {c.id: c for c in Category.objects.all()}
    overall = next(c for c in categories.values() if c.slug == OVERALL_CATEGORY_SLUG)
    signals = loaders.signal_arrays(at)
    results = scoring.score_categories(signals, loaders.category_plans(list(categories.values())))
    series = scoring.series_codes(signals)
    boards, newest = newest_arena_rows()
    names = dict(Model.objects.values_list("id", "slug"))

    reference: dict[int, tuple] = {}
    by_key: dict[str, list] = {}
    for (key, category_id), rows in boards.items():
        category_id = category_id or overall.id
        by_key[key] = rows
        if category_id not in reference or len(rows) > len(reference[category_id][1]):
            reference[category_id] = (key, rows)

    def anchor(result) -> tuple | None:
        """The arena board the category's quality is on, with its newest snapshot's rows."""
        hit = np.flatnonzero(series == result.posterior.anchor_series)
        if result.posterior.anchor_series < 0 or not len(hit):
            return None
        found = Signal.objects.filter(pk=int(signals.signal_id[hit[0]]), source="arena").values_list("dedupe_key")
        key = found.first()
        return (key[0], by_key[key[0]]) if key and key[0] in by_key else None

    def line(slug, key, rows, result):
        where = {int(m): i for i, m in enumerate(result.model_id)}
        rows = sorted((r for r in rows if r[0] in where), key=lambda r: -r[1])
        index = np.array([where[r[0]] for r in rows])
        rating = np.array([r[1] for r in rows])
        ours = -result.quality_rank[index]
        rho_all = spearmanr(rating, ours).statistic
        rho_top = spearmanr(rating[:TOP], ours[:TOP]).statistic
        spreads = own_spreads(published.get(board_name(key), {}))
        top = index[:SPREAD_TOP]
        board_widths = [spreads[r[2]] for r in rows[:SPREAD_TOP] if r[2] in spreads]
        return (
            f"{slug:<24} {board_name(key):<18} {len(rows):>8} {rho_all:>8.3f} {rho_top:>9.3f} "
            f"{int(result.quality_rank[index[0]]):>6} "
            f"{np.median(result.quality_rank_high[top] - result.quality_rank_low[top]):>8.1f} "
            f"{np.median(result.rank_high[top] - result.rank_low[top]):>11.1f} "
            f"{np.median(board_widths) if board_widths else float('nan'):>6.1f}"
        )

    print(f"T = {at:%Y-%m-%d %H:%M}; newest arena file {newest_file.name}")
    header = (
        f"{'category':<24} {'board':<18} {'resolved':>8} {'rho all':>8} {'rho top50':>9} {'#1 at':>6} "
        f"{'spread q':>8} {'spread rank':>11} {'board':>6}"
    )
    ordered = [
        (category_id, results[category_id])
        for category_id in sorted(reference, key=lambda c: categories[c].display_order)
        if category_id in results
    ]
    print("against the reference board (the newest snapshot's board rating the most of our models)")
    print(header)
    for category_id, result in ordered:
        key, rows = reference[category_id]
        print(line(categories[category_id].slug, key, rows, result))
    print("\nagainst the anchor board (the board the category's quality is on)")
    print(header)
    for category_id, result in ordered:
        found = anchor(result)
        if found is not None:
            print(line(categories[category_id].slug, *found, result))

    print("\nagainst every board measuring the category (its peers), beside how well the others agree with it")
    print(f"{header} {'peers top50':>11}")
    peers: dict[int, list] = {}
    for (key, category_id), rows in boards.items():
        peers.setdefault(category_id or overall.id, []).append((key, rows))
    for category_id, result in ordered:
        found = sorted(peers.get(category_id, []))
        if len(found) < 2:
            continue
        for key, rows in found:
            fellows = [top50_agreement(rows, other) for other_key, other in found if other_key != key]
            print(f"{line(categories[category_id].slug, key, rows, result)} {np.median(fellows):>11.3f}")
        # The boards pooled into one (the category's own board, were the arena to publish one),
        # beside how closely that pooled order follows each of the boards.
        pooled = pooled_board(found, published)
        fellows = [top50_agreement(rows, pooled) for _, rows in found]
        print(f"{line(categories[category_id].slug, 'pooled', pooled, result)} {np.median(fellows):>11.3f}")

    # Held out: boards of the newest file the database does not hold (the rule
    # left them to a curator: filters of `full` such as english and no_tie,
    # occupations with no category), against overall quality, resolved
    # through the arena ids the ingested boards carry.
    resolved = {}
    for rows in by_key.values():
        resolved.update({arena_id: model_id for model_id, _, arena_id in rows if arena_id})
    held_out = sorted(set(published) - {board_name(key) for key in by_key})
    if held_out:
        print("\nheld out (not ingested) boards of the newest file, against overall quality")
        print(header)
        for board in held_out:
            rows = [(resolved[a], e["rating"], a) for a, e in published[board].items() if a in resolved]
            print(line(overall.slug, board, rows, results[overall.id]))

    result = results[overall.id]
    key, rows = reference[overall.id]
    rating = {r[0]: r[1] for r in rows}
    order = np.argsort(result.rank)[:SHOWN]
    arena_top = sorted(rows, key=lambda r: -r[1])[:SHOWN]
    where = {int(m): i for i, m in enumerate(result.model_id)}
    title = f"arena {board_name(key)} ({newest[key]:%Y-%m-%d})"
    print(f"\noverall top {SHOWN}: {'ours (composite), Elo, quality rank':<47}| {title}")
    for line, (i, arena_row) in enumerate(zip(order, arena_top, strict=False), start=1):
        model_id = int(result.model_id[i])
        elo = rating.get(model_id)
        a_id, a_rating = arena_row[0], arena_row[1]
        a_rank = int(result.rank[where[a_id]]) if a_id in where else None
        shown_elo = "" if elo is None else f"{elo:.0f}"
        print(
            f"{line:>2}. {names[model_id][:34]:<34} {shown_elo:>5} q#{result.quality_rank[i]:<4}"
            f"| {names[a_id][:34]:<34} {a_rating:.0f}  ours #{a_rank}"
        )
    under = [names[int(result.model_id[i])] for i in order if rating.get(int(result.model_id[i]), 1e9) < 1300]
    print(f"composite top {SHOWN} models rated under 1300: {under or 'none'}")


if __name__ == "__main__":
    main()
