"""Other snapshots of the shipped files, cut and perturbed the way real releases differ.

The project ships one or two snapshots per source; operators ingest others
(a models.dev snapshot between the two, an older LiteLLM release, boards of
other arenas). These helpers derive such files from the shipped ones, so the
tests run on real records in their real shape, never on hand-picked ids:

- ``trim`` keeps a stable pseudo-random share of the entries (a few hundred),
  chosen by a hash of each entry's key;
- ``derive`` makes another release of a trimmed snapshot: some entries not
  listed yet (or any more), some priced differently (a few at $0, the way a
  snapshot lists a model it no longer serves), and some entries the trimmed
  snapshot does not have (long-retired models, from the rest of the file).

Every choice is seeded, so a run is reproducible.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import tarfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from tests.ingestion.conftest import DATA_DIR

Entry = tuple[str, object]


def kept(key: str, *, one_in: int) -> bool:
    """A stable share of the keys (about 1 in ``one_in``), the same on every run."""
    return zlib.crc32(key.lower().encode()) % one_in == 0


@dataclass(frozen=True)
class Derivation:
    seed: int
    missing: float = 0.15  # share of the entries the derived release does not list
    repriced: float = 0.3  # share listed at another price
    free: float = 0.05  # share listed at $0
    extra: int = 25  # entries from the rest of the file (not in the trimmed snapshot)


def derive(
    entries: list[Entry], rest: list[Entry], how: Derivation, *, scale: Callable[[object, Decimal], object]
) -> list[Entry]:
    """Another release of ``entries``: ``scale(entry, factor)`` re-prices one entry."""
    pick = random.Random(how.seed)
    result: list[Entry] = []
    for key, entry in entries:
        roll = pick.random()
        if roll < how.missing:
            continue
        if roll < how.missing + how.free:
            entry = scale(entry, Decimal(0))
        elif roll < how.missing + how.free + how.repriced:
            entry = scale(entry, pick.choice([Decimal("1.5"), Decimal("2"), Decimal("0.8")]))
        result.append((key, entry))
    result.extend(pick.sample(rest, min(how.extra, len(rest))))
    return result


def scaled(value, factor: Decimal):
    """A price scaled, in the type the file wrote it in (number or decimal string; tiers inside)."""
    if isinstance(value, dict):
        return {key: item if key == "start" else scaled(item, factor) for key, item in value.items()}
    if isinstance(value, list):
        return [scaled(item, factor) for item in value]
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return value
    amount = Decimal(str(value)) * factor
    if isinstance(value, str):
        return format(amount.normalize(), "f")
    return float(amount)


# --- JSON sources ------------------------------------------------------------


def litellm_entries(data: dict) -> list[Entry]:
    return sorted((key, value) for key, value in data.items() if key != "sample_spec")


def litellm_scale(entry: dict, factor: Decimal) -> dict:
    return {key: scaled(value, factor) if key.endswith("_cost_per_token") else value for key, value in entry.items()}


def openrouter_entries(data: dict) -> list[Entry]:
    return sorted((row["id"], row) for row in data["data"])


def openrouter_scale(row: dict, factor: Decimal) -> dict:
    pricing = {key: scaled(value, factor) for key, value in (row.get("pricing") or {}).items()}
    return {**row, "pricing": pricing}


def genai_entries(data: list) -> list[Entry]:
    """One entry per (provider, model): ``provider-id/model-id``."""
    return sorted((f"{provider['id']}/{model['id']}", model) for provider in data for model in provider["models"])


def genai_rebuild(shipped: list, entries: list[Entry]) -> list:
    by_provider: dict[str, list] = {}
    for key, model in entries:
        by_provider.setdefault(key.split("/", 1)[0], []).append(model)
    return [
        {**{k: v for k, v in provider.items() if k != "models"}, "models": by_provider[provider["id"]]}
        for provider in shipped
        if provider["id"] in by_provider
    ]


def genai_scale(model: dict, factor: Decimal) -> dict:
    prices = model.get("prices")
    if not isinstance(prices, dict):
        return model  # dated changes and windows: kept as shipped
    return {**model, "prices": {key: scaled(value, factor) for key, value in prices.items()}}


def write_json(path: Path, data) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


def arena_trim(board_file: dict, models: set[str]) -> dict:
    """Every board of the file, with only the given models' ratings."""
    return {board: {m: r for m, r in ratings.items() if m in models} for board, ratings in board_file.items()}


def arena_perturb(board_file: dict, seed: int) -> dict:
    """The same boards and models with other ratings (another arena's measurement)."""
    pick = random.Random(seed)
    return {
        board: {
            m: {key: value - 40 + pick.random() * 80 if isinstance(value, float) else value for key, value in r.items()}
            for m, r in ratings.items()
        }
        for board, ratings in board_file.items()
    }


# --- models.dev --------------------------------------------------------------

COST_LINE = re.compile(r"^(input|output|cache_read|cache_write)\s*=\s*([0-9_.eE+-]+)\s*$")


def models_dev_unpack(archive: Path, target: Path, *, one_in: int) -> Path:
    """The archive unpacked into ``target``, keeping 1 in ``one_in`` model files (by file stem)."""
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="tar")
    for path in sorted(target.rglob("*.toml")):
        if path.name != "provider.toml" and not kept(path.stem, one_in=one_in):
            path.unlink()
    return target


def model_files(root: Path) -> list[Entry]:
    """The model files (lab cards and providers' files) of an unpacked snapshot, by relative path."""
    return sorted(
        (str(path.relative_to(root)), path)
        for path in root.rglob("*.toml")
        if path.name != "provider.toml" and not path.is_symlink()
    )


def models_dev_scale(text: str, factor: Decimal) -> str:
    """A model file with every amount of its ``[cost]`` table scaled."""
    lines, in_cost = [], False
    for line in text.splitlines():
        if line.startswith("["):
            in_cost = line.strip() == "[cost]"
        match = COST_LINE.match(line) if in_cost else None
        if match:
            amount = Decimal(match.group(2).replace("_", "")) * factor
            line = f"{match.group(1)} = {format(amount.normalize(), 'f')}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def models_dev_derive(newest: Path, older: Path, target: Path, how: Derivation) -> Path:
    """Another snapshot in ``target``: the newest's files derived, plus some only the older one has.

    The files' text is what ``derive`` works on, so a file re-priced is
    written with its ``[cost]`` scaled; links of the newest are kept.
    """
    shutil.copytree(newest, target, symlinks=True)
    entries = [(key, path.read_text()) for key, path in model_files(newest)]
    newest_keys = {key for key, _ in entries}
    rest = [(key, path.read_text()) for key, path in model_files(older) if key not in newest_keys]
    for key, _ in entries:
        (target / key).unlink()
    for key, text in derive(entries, rest, how, scale=models_dev_scale):
        (target / key).parent.mkdir(parents=True, exist_ok=True)
        provider_dir = Path(*Path(key).parts[:2])
        if key.startswith("providers/") and not (target / provider_dir / "provider.toml").exists():
            shutil.copy(older / provider_dir / "provider.toml", target / provider_dir / "provider.toml")
        (target / key).write_text(text)
    return target


# --- the shipped files, cut, and other releases of them ------------------------------------

LITELLM_AS_OF = date(2026, 7, 1)
GENAI_AS_OF = date(2026, 8, 21)
ARENA_DIR = DATA_DIR / "arena"


def litellm_files(root: Path) -> dict[str, tuple[Path, date]]:
    shipped = json.loads((DATA_DIR / "litellm/litellm-1.109.1-model-prices.json").read_text())
    entries = litellm_entries(shipped)
    newest = [(k, v) for k, v in entries if kept(k, one_in=16)]
    rest = [(k, v) for k, v in entries if not kept(k, one_in=16)]

    def release(name: str, rows) -> Path:
        return write_json(root / name / "model_prices_and_context_window.json", dict(rows))

    older = derive(newest, rest, Derivation(seed=1), scale=litellm_scale)
    middle = derive(newest, rest, Derivation(seed=2, extra=10), scale=litellm_scale)
    return {
        "newest": (release("newest", newest), LITELLM_AS_OF),
        "middle": (release("middle", middle), date(2026, 2, 1)),
        "older": (release("older", older), date(2025, 6, 1)),
    }


def openrouter_files(root: Path) -> dict[str, tuple[Path, None]]:
    shipped = json.loads((DATA_DIR / "openrouter/openrouter-models-2026-07-01.json").read_text())
    entries = openrouter_entries(shipped)
    newest = [(k, v) for k, v in entries if kept(k, one_in=3)]
    rest = [(k, v) for k, v in entries if not kept(k, one_in=3)]

    def snapshot(day: str, rows) -> Path:
        return write_json(root / f"openrouter-models-{day}.json", {"data": [row for _, row in rows]})

    return {
        "newest": (snapshot("2026-07-01", newest), None),
        "middle": (
            snapshot("2026-03-01", derive(newest, rest, Derivation(seed=3), scale=openrouter_scale)),
            None,
        ),
        "older": (
            snapshot("2025-09-01", derive(newest, rest, Derivation(seed=4), scale=openrouter_scale)),
            None,
        ),
    }


def genai_files(root: Path) -> dict[str, tuple[Path, None]]:
    shipped = json.loads((DATA_DIR / "genai-prices/genai-prices-v2-data.json").read_text())
    entries = genai_entries(shipped)
    newest = [(k, v) for k, v in entries if kept(k, one_in=4)]
    rest = [(k, v) for k, v in entries if not kept(k, one_in=4)]

    def snapshot(day: str, rows) -> Path:
        return write_json(root / f"genai-prices-{day}.json", genai_rebuild(shipped, rows))

    return {
        "newest": (snapshot(GENAI_AS_OF.isoformat(), newest), None),
        "middle": (
            snapshot("2026-04-01", derive(newest, rest, Derivation(seed=5), scale=genai_scale)),
            None,
        ),
        "older": (
            snapshot("2025-10-01", derive(newest, rest, Derivation(seed=6), scale=genai_scale)),
            None,
        ),
    }


def models_dev_files(root: Path) -> dict[str, tuple[Path, None]]:
    newest = models_dev_unpack(
        DATA_DIR / "models-dev/models-dev-2026-07-01.tar.gz", root / "models-dev-2026-07-01", one_in=16
    )
    older = models_dev_unpack(
        DATA_DIR / "models-dev/models-dev-2025-12-31.tar.gz", root / "models-dev-2025-12-31", one_in=16
    )
    middle = models_dev_derive(newest, older, root / "models-dev-2026-03-15", Derivation(seed=7))
    return {"newest": (newest, None), "middle": (middle, None), "older": (older, None)}


def arena_top(path: Path, n: int = 60) -> set[str]:
    full = json.loads(path.read_text())["full"]
    return set(sorted(full, key=lambda m: -full[m]["rating"])[:n])


def arena_board(root: Path, shipped: Path, models: set[str], name: str | None = None) -> Path:
    return write_json(root / (name or shipped.name), arena_trim(json.loads(shipped.read_text()), models))
