"""LMArena text leaderboard snapshot: ``{board: {arena_model_id: {rating, rating_q025, rating_q975}}}``.

Arena names carry no creator, so they only ever resolve to existing models
(aliases, curator decisions) or go to the curator queue.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingestion.errors import IngestError
from ingestion.records import Batch, ModelRecord, RatingRecord
from ingestion.sources.common import expect, load_json, require

SOURCE = "arena"


def parse(path: Path, *, as_of: date) -> Batch:
    data = load_json(path)
    if not isinstance(data, dict) or not data:
        raise IngestError("expected an object of leaderboards", record=path.name)
    batch = Batch(source=SOURCE, as_of=as_of, describes_capabilities=False)
    seen: set[str] = set()
    for board, rows in data.items():
        if not isinstance(rows, dict):
            raise IngestError(f"expected an object of models, got {type(rows).__name__}", record=f"board {board}")
        for model_id, row in rows.items():
            where = f"board {board} model {model_id}"
            rating = float(require(row, "rating", (int, float), record=where))
            low, high = row.get("rating_q025"), row.get("rating_q975")
            if low is not None:
                low = float(expect(low, (int, float), field="rating_q025", record=where))
            if high is not None:
                high = float(expect(high, (int, float), field="rating_q975", record=where))
            batch.ratings.append(RatingRecord(model_id, board, rating, low, high))
            if model_id not in seen:
                seen.add(model_id)
                batch.models.append(ModelRecord(raw_id=model_id, context={"arena_board": board}))
    return batch
