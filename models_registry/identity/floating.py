"""Pure rules for floating names and the snapshots they served over time (no ORM; docs/identity.md).

A floating name that has served several snapshots (``gpt-4o``: 2024-05-13,
then 2024-08-06) stays an entry of its own and never joins one of them; on a
date asked it resolves to the snapshot it served that day. What it served
when is derived from two kinds of evidence:

- **a snapshot's own date**: a name takes its next snapshot over on the day
  the snapshot is dated (``gpt-4o-2024-08-06`` from 2024-08-06), the
  weakest evidence;
- **an observation**: a source's snapshot of day D said the name pointed to
  that snapshot (a maker's card whose ``last_updated`` is the snapshot's date,
  OpenRouter's ``canonical_slug``). It wins over snapshot dates: a newer
  snapshot released before D while D still names an older one did not take
  over at its release (``gpt-4o-2024-11-20`` never became ``gpt-4o``), and
  takes over at the first day a source names it.

Curators' rows replace all of this for their name and source (the service
never rewrites them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from models_registry.identity.releases import SnapshotTag, snapshot_split

LATEST = "-latest"
RELEASED = "released"
OBSERVED = "observed"


@dataclass(frozen=True)
class Snapshot:
    """A dated release a floating name may have served, and the day it is dated."""

    model_id: int
    dated: date


@dataclass(frozen=True)
class Observation:
    """On ``as_of`` a source said the name pointed to ``model_id``."""

    model_id: int
    as_of: date
    evidence: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Span:
    """The name served ``model_id`` from ``valid_from`` (None: since it existed) until ``valid_to`` (exclusive)."""

    model_id: int
    valid_from: date | None
    valid_to: date | None
    basis: str
    evidence: dict


def tag_date(tag: SnapshotTag, released: date | None = None) -> date | None:
    """The day a snapshot tag dates its snapshot: the first of the month for ``2505``; for a tag
    without a year (``0711``) the year of the snapshot's own release date, when it agrees."""
    if tag.month is None:
        return None
    if tag.year is not None:
        return date(tag.year, tag.month, tag.day or 1)
    if released is not None and tag.agrees_with(released):
        try:
            return date(released.year, tag.month, tag.day)
        except ValueError:
            return None
    return None


def floating_keys(normalized: str) -> tuple[str, ...]:
    """The floating names whose snapshots an id's normal form may have served.

    ``chatgpt-4o-latest`` has snapshots ``chatgpt-4o-latest-20250326``;
    ``mistral-large-latest`` has ``mistral-large-2411``. An id that is itself
    a snapshot floats over nothing.
    """
    if snapshot_split(normalized) is not None:
        return ()
    base = normalized.removesuffix(LATEST)
    return (normalized,) if base == normalized else (normalized, base)


def is_floating_pointer(normalized: str, released: date | None, snapshot_tags: list[SnapshotTag]) -> bool:
    """Whether a name with these snapshots is a pointer that moved among them.

    A ``-latest`` name is one by its maker's word. A bare name is one when its
    own release date is one of its snapshots' (``gpt-4o``, released 2024-05-13,
    is ``gpt-4o-2024-05-13`` on that day); a bare name released before all of
    them is a release of its own (the Arena's 2023 ``mistral-medium`` is not
    ``mistral-medium-2505``).
    """
    if normalized.endswith(LATEST):
        return True
    return any(tag.agrees_with(released) for tag in snapshot_tags)


def timeline(snapshots: list[Snapshot], observations: list[Observation], *, open_start: bool = False) -> list[Span]:
    """What the name served when, oldest first, from its snapshots' dates and the observations.

    ``open_start``: the first span also covers the days before its evidence
    (a source's own meaning of its id holds since the id existed).
    """
    dated = {snapshot.model_id: snapshot.dated for snapshot in snapshots}
    # (day, evidence strength: observations first, model, basis, evidence)
    points: list[tuple[date, int, int, str, dict]] = []
    for observation in observations:
        points.append((observation.as_of, 0, observation.model_id, OBSERVED, dict(observation.evidence)))
    for snapshot in snapshots:
        kept_older = any(
            observation.as_of >= snapshot.dated
            and observation.model_id in dated
            and dated[observation.model_id] < snapshot.dated
            for observation in observations
        )
        if not kept_older:
            points.append((snapshot.dated, 1, snapshot.model_id, RELEASED, {"dated": snapshot.dated.isoformat()}))
    points.sort(key=lambda point: (point[0], point[1], point[2]))
    spans: list[Span] = []
    for day, _, model_id, basis, evidence in points:
        if spans and spans[-1].model_id == model_id:
            continue  # the same target again: its span goes on
        if spans and spans[-1].valid_from == day:
            continue  # two claims for one day: the stronger one (sorted first) stands
        if spans:
            last = spans[-1]
            spans[-1] = Span(last.model_id, last.valid_from, day, last.basis, last.evidence)
        spans.append(Span(model_id, day, None, basis, evidence))
    if open_start and spans:
        first = spans[0]
        spans[0] = Span(first.model_id, None, first.valid_to, first.basis, first.evidence)
    return spans


def span_on(spans, day: date):
    """The span (anything with ``valid_from``/``valid_to``) that covers ``day``, or None."""
    for span in spans:
        if (span.valid_from is None or span.valid_from <= day) and (span.valid_to is None or day < span.valid_to):
            return span
    return None
