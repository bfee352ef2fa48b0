"""LMArena leaderboard snapshot: ``{board: {arena_model_id: {rating, rating_q025, rating_q975}}}``.

Every arena (text, text with style control, vision, text-to-image, image edit,
webdev, search, video) publishes this shape, one file per arena and date:
``leaderboard-<arena>-YYYY-MM-DD.json``. The file name says which arena, unless
the run names it; a file named otherwise is the text arena, LMArena's original
leaderboard. Boards are only meaningful within their arena, so every rating
carries both.

Arena names carry no creator, so they only ever resolve to existing models
(aliases, curator decisions) or go to the curator queue. Other arenas add a
nickname in parentheses (``gemini-2.5-flash-image-preview (nano-banana)``): it
is a label, not part of the model's identity.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ingestion.errors import IngestError
from ingestion.records import Batch, ModelRecord, RatingRecord
from ingestion.sources.common import expect, load_json, require
from ingestion.taxonomy import ARENAS, TEXT_ARENA

SOURCE = "arena"
FILE_NAME_RE = re.compile(r"^leaderboard-(?P<arena>[a-z0-9-]+?)-\d{4}-\d{2}-\d{2}\.json$")
NICKNAME_RE = re.compile(r"^(?P<id>.*?\S)\s*\((?P<nickname>[^()]*)\)\s*$")


def arena_from_name(path: Path) -> str:
    match = FILE_NAME_RE.match(path.name)
    return match.group("arena") if match else TEXT_ARENA


def split_nickname(arena_id: str) -> tuple[str, str]:
    """``"gemini-2.5-flash-image-preview (nano-banana)"`` -> (the model id, the nickname)."""
    match = NICKNAME_RE.match(arena_id)
    return (match.group("id"), match.group("nickname").strip()) if match else (arena_id, "")


def parse(path: Path, *, as_of: date, arena: str | None = None) -> Batch:
    arena = arena or arena_from_name(path)
    if arena not in ARENAS:
        raise IngestError(f"unknown arena '{arena}' (choose from {', '.join(ARENAS)})", record=path.name)
    data = load_json(path)
    if not isinstance(data, dict):
        raise IngestError(f"expected an object of leaderboards, got {type(data).__name__}", record=path.name)
    batch = Batch(source=SOURCE, as_of=as_of, describes_capabilities=False)
    seen: set[str] = set()
    for board, rows in data.items():
        if not isinstance(rows, dict):
            raise IngestError(f"expected an object of models, got {type(rows).__name__}", record=f"board {board}")
        for arena_id, row in rows.items():
            where = f"board {board} model {arena_id}"
            rating = float(require(row, "rating", (int, float), record=where))
            low, high = row.get("rating_q025"), row.get("rating_q975")
            if low is not None:
                low = float(expect(low, (int, float), field="rating_q025", record=where))
            if high is not None:
                high = float(expect(high, (int, float), field="rating_q975", record=where))
            model_id, nickname = split_nickname(arena_id)
            batch.ratings.append(RatingRecord(model_id, board, rating, low, high, arena=arena, nickname=nickname))
            if model_id not in seen:
                seen.add(model_id)
                context = {"arena": arena, "arena_board": board, **({"nickname": nickname} if nickname else {})}
                batch.models.append(ModelRecord(raw_id=model_id, context=context))
    return batch
