"""Checks shared by the parsers: every bad value names its record and why."""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ingestion.errors import IngestError

FILE_DATE_RE = re.compile(r"(\d{4}-\d{2}-\d{2})")
MILLION = Decimal(1_000_000)


def date_from_name(path: str | Path) -> date | None:
    """The date written in a file name (``models-dev-2025-12-31.tar.gz``), if any."""
    match = FILE_DATE_RE.search(Path(str(path)).name)
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def load_json(path: Path) -> Any:
    try:
        with open(path, "rb") as handle:
            return json.load(handle)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise IngestError(f"not valid JSON ({exc.msg} at {where})", record=path.name) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(f"cannot be read ({exc})", record=path.name) from exc


def require(mapping: Any, key: str, kind: type | tuple[type, ...], *, record: str) -> Any:
    if not isinstance(mapping, dict):
        raise IngestError(f"expected an object, got {type(mapping).__name__}", record=record)
    if key not in mapping:
        raise IngestError(f"missing required key '{key}'", record=record)
    return expect(mapping[key], kind, field=key, record=record)


def optional(mapping: dict, key: str, kind: type | tuple[type, ...], *, record: str) -> Any:
    value = mapping.get(key)
    return None if value is None else expect(value, kind, field=key, record=record)


def expect(value: Any, kind: type | tuple[type, ...], *, field: str, record: str) -> Any:
    # bool is an int in Python; a flag where a number belongs is schema drift.
    numeric = kind in (int, float, (int, float))
    if not isinstance(value, kind) or (numeric and isinstance(value, bool)):
        wanted = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise IngestError(f"'{field}' must be {wanted}, got {type(value).__name__} {value!r:.60}", record=record)
    return value


def optional_strings(mapping: dict, key: str, *, record: str) -> set[str]:
    """A list of strings, as a set (empty when absent); any other entry is schema drift."""
    values = optional(mapping, key, list, record=record) or []
    return {expect(value, str, field=key, record=record) for value in values}


def optional_int(mapping: dict, key: str, *, record: str) -> int | None:
    value = optional(mapping, key, (int, float), record=record)
    if value is None:
        return None
    # NaN and infinity are floats with no whole value: int() would raise on them.
    if (isinstance(value, float) and not math.isfinite(value)) or value < 0 or value != int(value):
        raise IngestError(f"'{key}' must be a non-negative whole number, got {value!r}", record=record)
    return int(value) or None


def decimal_value(value: Any, *, field: str, record: str, scale: Decimal = Decimal(1)) -> Decimal | None:
    """A price as a Decimal (``scale`` converts per-token prices to per-million)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise IngestError(f"'{field}' must be a number, got {type(value).__name__} {value!r:.60}", record=record)
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise IngestError(f"'{field}' must be a number, got {value!r:.60}", record=record) from None
    if not amount.is_finite():
        raise IngestError(f"'{field}' must be a finite number, got {value!r:.60}", record=record)
    if amount < 0:
        # Negative prices are a source's marker for "varies"/"unknown".
        return None
    return (amount * scale).quantize(Decimal("0.0000000001"))


def parse_date(value: Any, *, field: str, record: str) -> date | None:
    """A date written as YYYY-MM-DD, YYYY-MM or YYYY (first day assumed), or a datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise IngestError(f"'{field}' must be a date, got {type(value).__name__} {value!r:.60}", record=record)
    text = value.strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    # Real files carry impossible dates ("2025-02-31", "2025-25"): a string that
    # is not a date is an unknown date, while a non-string is schema drift.
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return parse_date(text[:7], field=field, record=record)
    return None


def knowledge_text(value: Any, *, record: str) -> str:
    """Knowledge cutoff as published (YYYY-MM or YYYY-MM-DD); checked, not reformatted."""
    if value is None:
        return ""
    return expect(value, str, field="knowledge", record=record).strip()[:20]
