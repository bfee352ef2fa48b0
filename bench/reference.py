"""The bytes R0 and the plain-WSGI limit row write (bench/wsgi.py), free of Django so that module imports them first."""

import orjson

# About the size of a cached leaderboard page of 50 rows (17 KB): what R0 and
# the plain-WSGI limit row write (bench/wsgi.py).
REFERENCE_BODY = orjson.dumps(
    {
        "data": [
            {
                "rank": rank,
                "model": {"slug": f"model-{rank:05d}", "name": f"Model {rank:05d}", "provider": {"slug": "lab"}},
                "score": 90.0 - rank / 10,
                "rank_spread": {"low": rank, "high": rank + 2},
                "state": "stable",
                "confidence": 0.8,
                "change_24h": None,
                "change_7d": 1,
                "top_drivers": ["quality", "demand"],
                "recorded_at": "2026-02-25T18:00:00Z",
                "padding": "x" * 55,
            }
            for rank in range(1, 51)
        ],
        "pagination": {"next_cursor": None, "has_more": False},
    }
)
