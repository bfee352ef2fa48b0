"""Opaque, signed keyset cursors for the v1 API.

A cursor carries the sort key of the last row served plus a *scope* (which
list and which ordering it belongs to). It is signed, so a tampered cursor or
one taken from another list or ordering is a 400, never a 500 or a silent
page one. Keyset pagination keeps deep pages as cheap as the first and stable
under ties because the last ordering key is always the primary key.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import orjson
from django.core import signing
from django.db.models import Q, QuerySet
from rest_framework.exceptions import ValidationError

CURSOR_SALT = "aimodelsmap.cursor.v1"


@dataclass(frozen=True)
class OrderKey:
    """One column of a keyset ordering. The column must never be NULL (coalesce it)."""

    name: str
    descending: bool = False

    @property
    def order_by(self) -> str:
        return f"-{self.name}" if self.descending else self.name


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def encode_cursor(payload: dict) -> str:
    signed = signing.dumps(payload, salt=CURSOR_SALT, serializer=_CompactJSONSerializer, compress=False)
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def decode_cursor(token: str, *, scope: str) -> dict:
    """The payload of a cursor minted for ``scope``; ValidationError otherwise."""
    try:
        padded = token + "=" * (-len(token) % 4)
        signed = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")
        payload = signing.loads(signed, salt=CURSOR_SALT, serializer=_CompactJSONSerializer)
    except (ValueError, UnicodeError, signing.BadSignature, orjson.JSONDecodeError):
        raise ValidationError({"cursor": ["Invalid cursor."]}) from None
    if not isinstance(payload, dict) or payload.get("s") != scope or not isinstance(payload.get("v"), list):
        raise ValidationError({"cursor": ["This cursor does not belong to this list or ordering."]})
    return payload


class _CompactJSONSerializer:
    def dumps(self, obj):
        return orjson.dumps(obj)

    def loads(self, data):
        return orjson.loads(data)


def _after(keys: Sequence[OrderKey], values: Sequence[Any]) -> Q:
    """Rows strictly after ``values`` in the lexicographic order of ``keys``."""
    condition = Q(pk__in=[])
    equal_prefix = Q()
    for key, value in zip(keys, values, strict=True):
        lookup = "lt" if key.descending else "gt"
        condition |= equal_prefix & Q(**{f"{key.name}__{lookup}": value})
        equal_prefix &= Q(**{key.name: value})
    return condition


@dataclass
class Page:
    rows: list
    next_cursor: str | None
    has_more: bool
    total: int
    extra: dict = field(default_factory=dict)

    def pagination(self) -> dict:
        return {"next_cursor": self.next_cursor, "has_more": self.has_more, "total": self.total}


def paginate_keyset(
    queryset: QuerySet,
    *,
    ordering: Sequence[OrderKey],
    limit: int,
    cursor: str | None,
    scope: str,
    extra: dict | None = None,
    total: int | None = None,
) -> Page:
    """One page of ``queryset`` in ``ordering`` after ``cursor``.

    ``ordering`` must end with a unique key (``id``). ``scope`` names the list
    and its ordering/filters; ``extra`` is state a list wants pinned across
    pages (a snapshot time, say) and comes back in ``Page.extra``. ``total``
    is the size of the list when the caller already knows it (a published
    leaderboard records its own), which saves the count query.
    """
    if total is None:
        total = queryset.count()
    page_qs = queryset.order_by(*(key.order_by for key in ordering))
    position, pinned = cursor_position(cursor, ordering=ordering, scope=scope, extra=extra)
    if position is not None:
        page_qs = page_qs.filter(_after(ordering, position))
    return keyset_page(
        list(page_qs[: limit + 1]), ordering=ordering, limit=limit, scope=scope, pinned=pinned, total=total
    )


def cursor_position(
    cursor: str | None, *, ordering: Sequence[OrderKey], scope: str, extra: dict | None = None
) -> tuple[list | None, dict]:
    """The key values of the last row a cursor served (None without a cursor) and its pinned state.

    The first half of ``paginate_keyset``, for a list read by hand-written SQL:
    fetch up to ``limit + 1`` rows strictly after the position, then ``keyset_page``.
    """
    if not cursor:
        return None, dict(extra or {})
    payload = decode_cursor(cursor, scope=scope)
    if len(payload["v"]) != len(ordering):
        raise ValidationError({"cursor": ["Invalid cursor."]})
    return payload["v"], payload.get("x") or {}


def keyset_page(rows: list, *, ordering: Sequence[OrderKey], limit: int, scope: str, pinned: dict, total: int) -> Page:
    """The page of the up to ``limit + 1`` rows fetched after a cursor's position, with the next cursor."""
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    if has_more:
        values = [_jsonable(getattr(rows[-1], key.name)) for key in ordering]
        next_cursor = encode_cursor({"s": scope, "v": values, "x": pinned})
    return Page(rows=rows, next_cursor=next_cursor, has_more=has_more, total=total, extra=pinned)
