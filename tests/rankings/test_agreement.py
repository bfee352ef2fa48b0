"""Agreement with the shipped LMArena text boards: every snapshot in, the newest boards' order out.

Each arena id stands for its own model (no identity resolution), every board
is routed to its category by the general rule, and the engine runs on all
eleven snapshots at the day after the newest. The targets of the rankings
work hold against every board measuring a category (its peers): Spearman >=
0.95 with the board over the models it rates, the board's #1 in our quality
top 3, and the median rank spread of its top 20 at most twice the board's own;
over its top 50, >= 0.90, or, where a category has several boards that
disagree (the language boards of multilingual), at least as high as the
category's other boards agree with it: one order cannot follow boards that
contradict each other, and the combination follows each better than its
fellows do.
"""

import json
from datetime import date

import numpy as np
import pytest
from django.conf import settings
from scipy.stats import spearmanr

from bench.agreement import pooled_board
from ingestion.taxonomy import TEXT_ARENA, arena_board_category
from rankings import scoring
from rankings.scoring import CategoryPlan, SignalArrays

ARENA_DIR = settings.BASE_DIR.parent / "shared" / "data" / "arena"
FILES = sorted(ARENA_DIR.glob("leaderboard-text-*.json"))
pytestmark = pytest.mark.skipif(not FILES, reason="the shipped arena files are not beside the checkout")

OVERALL = 1
NEWEST = json.loads(FILES[-1].read_text()) if FILES else {}


def measured_category(board: str) -> str | None:
    slug, enabled = arena_board_category(TEXT_ARENA, board)
    return (slug or "overall") if enabled else None


# Each category's peer boards in the newest snapshot: the boards measuring it.
PEERS = [(board, measured_category(board)) for board in sorted(NEWEST) if measured_category(board)]


def lmarena_spread_widths(entries: dict) -> dict[str, int]:
    ids = list(entries)
    low = np.array([entries[i]["rating_q025"] for i in ids])
    high = np.array([entries[i]["rating_q975"] for i in ids])
    best = 1 + (len(ids) - np.searchsorted(np.sort(low), high, side="right"))
    worst = len(ids) - np.searchsorted(np.sort(high), low, side="left")
    return dict(zip(ids, (worst - best).tolist(), strict=True))


@pytest.fixture(scope="module")
def shipped():
    # Every board of the files, routed by the general rule (unmapped boards left out).
    names = {board for path in FILES for board in json.loads(path.read_text())}
    routed = {board: arena_board_category(TEXT_ARENA, board) for board in names}
    mapped = {board: slug for board, (slug, enabled) in routed.items() if enabled}
    slugs = sorted({slug for slug in mapped.values() if slug})
    codes = {slug: OVERALL + 1 + i for i, slug in enumerate(slugs)}
    models: dict[str, int] = {}
    boards: dict[str, int] = {}
    columns = {name: [] for name in SignalArrays.__dataclass_fields__}
    newest = date.fromisoformat(FILES[-1].stem[-10:])
    for path in FILES:
        age = (newest - date.fromisoformat(path.stem[-10:])).days + 1
        for board, entries in json.loads(path.read_text()).items():
            if board not in mapped:
                continue
            slug = mapped[board]
            for arena_id, entry in entries.items():
                values = {
                    "model_id": models.setdefault(arena_id, len(models) + 1),
                    "type_index": scoring.TYPE_INDEX["quality"],
                    "raw_value": entry["rating"],
                    "std_error": (entry["rating_q975"] - entry["rating_q025"]) / 3.92,
                    "age_days": age,
                    "source_id": 1,
                    "board_id": boards.setdefault(board, len(boards)),
                    "category_code": codes[slug] if slug else 0,
                    "self_reported": False,
                }
                for name, value in values.items():
                    columns[name].append(value)
    columns["signal_id"] = list(range(len(columns["model_id"])))
    signals = SignalArrays(**{name: np.array(values) for name, values in columns.items()})
    plans = [
        CategoryPlan(
            key="overall",
            codes=frozenset([0, OVERALL, *codes.values()]),
            members=None,
            weights=scoring.weight_vector(),
            own_codes=frozenset([0, OVERALL]),
        )
    ]
    plans += [
        CategoryPlan(key=slug, codes=frozenset([code]), members=None, weights=scoring.weight_vector(), own_codes={code})
        for slug, code in codes.items()
    ]
    results = scoring.score_categories(signals, plans, resamples=100)
    return results, models, json.loads(FILES[-1].read_text())


def top50_rho(ranked: list[str], board: dict, other: dict) -> float:
    top = [arena_id for arena_id in ranked[:50] if arena_id in other]
    return spearmanr([board[a]["rating"] for a in top], [other[a]["rating"] for a in top]).statistic


@pytest.mark.parametrize(("board", "category"), PEERS)
def test_quality_ranks_follow_every_board_of_the_category(shipped, board, category):
    results, models, newest = shipped
    result = results[category]
    entries = newest[board]
    where = {int(m): i for i, m in enumerate(result.model_id)}
    ranked = sorted(entries, key=lambda arena_id: -entries[arena_id]["rating"])
    index = np.array([where[models[arena_id]] for arena_id in ranked])
    rating = np.array([entries[arena_id]["rating"] for arena_id in ranked])
    ours = -result.quality_rank[index]

    assert spearmanr(rating, ours).statistic >= 0.95
    fellows = [
        top50_rho(ranked, entries, newest[other]) for other, slug in PEERS if slug == category and other != board
    ]
    target = min(0.90, float(np.median(fellows))) if fellows else 0.90
    assert spearmanr(rating[:50], ours[:50]).statistic >= target
    assert result.quality_rank[index[0]] <= 3
    own = lmarena_spread_widths(entries)
    top = index[:20]
    ours_width = np.median(result.quality_rank_high[top] - result.quality_rank_low[top])
    assert ours_width <= 2 * np.median([own[arena_id] for arena_id in ranked[:20]])


POOLED = sorted({category for _, category in PEERS if sum(1 for _, c in PEERS if c == category) > 1})


@pytest.mark.parametrize("category", POOLED)
def test_quality_ranks_follow_the_categorys_boards_pooled_into_one(shipped, category):
    # A category several boards measure (multilingual: seven languages) has no board of its own: pooled
    # as a reader would pool them (bench.agreement.pooled_board), the boards are followed as one board is.
    results, models, newest = shipped
    result = results[category]
    peers = [
        (board, [(models[arena_id], entry["rating"], arena_id) for arena_id, entry in newest[board].items()])
        for board, slug in PEERS
        if slug == category
    ]
    pooled = sorted(pooled_board(peers, newest), key=lambda row: -row[1])
    where = {int(m): i for i, m in enumerate(result.model_id)}
    index = np.array([where[model_id] for model_id, _, _ in pooled])
    rating = np.array([pooled_rating for _, pooled_rating, _ in pooled])
    ours = -result.quality_rank[index]

    assert spearmanr(rating, ours).statistic >= 0.95
    assert spearmanr(rating[:50], ours[:50]).statistic >= 0.90
    assert result.quality_rank[index[0]] <= 3


def test_pooling_boards_recovers_qualities_under_each_boards_offset():
    # Three models on two boards with offsets 0 and +100, and a model only the second board rates.
    published = {
        "a": {m: {"rating_q025": 0.0, "rating_q975": 3.92} for m in ("x", "y", "z")},
        "b": {m: {"rating_q025": 0.0, "rating_q975": 3.92} for m in ("x", "y", "w")},
    }
    peers = [
        ("text/a", [(1, 1300.0, "x"), (2, 1250.0, "y"), (3, 1200.0, "z")]),
        ("text/b", [(1, 1400.0, "x"), (2, 1350.0, "y"), (4, 1325.0, "w")]),
    ]
    pooled = {model_id: rating for model_id, rating, _ in pooled_board(peers, published)}
    assert pooled == pytest.approx({1: 1300.0, 2: 1250.0, 3: 1200.0, 4: 1225.0})
