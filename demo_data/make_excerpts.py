"""Cut the demo excerpts from the real datasets (run from the repository root).

    python demo_data/make_excerpts.py ../shared/data

Keeps a few hundred models from the large labs and the hosts that serve them,
so the demo has real prices, price history (two models.dev snapshots) and
arena history (several leaderboard snapshots), in well under 3 MB.
"""

from __future__ import annotations

import io
import json
import posixpath
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABS = {"anthropic", "openai", "google", "meta", "mistral", "deepseek", "xai", "alibaba", "moonshotai", "zhipuai"}
HOSTS = LABS | {"llama", "amazon-bedrock", "togetherai", "groq", "fireworks-ai", "deepinfra", "azure", "zai"}
LITELLM_PROVIDERS = {"openai", "anthropic", "gemini", "mistral", "deepseek", "xai", "together_ai", "groq"}
LITELLM_MODES = {"chat", "embedding", "image_generation"}
OPENROUTER_CREATORS = {"openai", "anthropic", "google", "meta-llama", "mistralai", "deepseek", "x-ai", "qwen"}
GENAI_PROVIDERS = {"anthropic", "openai", "google", "mistral", "deepseek", "x-ai", "groq", "together"}
ARENA_DATES = ["2025-03-07", "2025-04-24", "2025-05-27", "2025-11-06", "2025-12-11"]
ARENA_BOARDS = {"full", "coding", "math", "creative_writing", "if", "hard_6", "multiturn", "long_user"}
ARENA_TOP = 120


def keep_models_dev(name: str) -> bool:
    parts = name.removeprefix("./").split("/")
    if parts[0] == "models":
        return len(parts) < 2 or parts[1] in LABS
    if parts[0] == "providers":
        return len(parts) < 2 or (parts[1] in HOSTS and not name.endswith(".svg"))
    return False


def cut_models_dev(source: Path, target: Path) -> None:
    with tarfile.open(source, "r:gz") as src, tarfile.open(target, "w:gz") as out:
        members = {m.name: m for m in src.getmembers()}
        for member in members.values():
            if not keep_models_dev(member.name):
                continue
            if member.issym() or member.islnk():
                # Store links as plain copies: their targets may not be in the excerpt.
                base = posixpath.dirname(member.name) if member.issym() else ""
                linked = members.get(posixpath.normpath(posixpath.join(base, member.linkname)))
                if linked is None or not linked.isfile():
                    continue
                content = src.extractfile(linked).read()
                copy = tarfile.TarInfo(member.name)
                copy.size, copy.mtime, copy.mode = len(content), member.mtime, 0o644
                out.addfile(copy, io.BytesIO(content))
            else:
                out.addfile(member, src.extractfile(member) if member.isfile() else None)


def cut_litellm(source: Path, target: Path) -> None:
    data = json.loads(source.read_text())
    kept = {
        key: entry
        for key, entry in data.items()
        if isinstance(entry, dict)
        and entry.get("litellm_provider") in LITELLM_PROVIDERS
        and entry.get("mode") in LITELLM_MODES
        and "ft:" not in key
    }
    target.write_text(json.dumps(kept, indent=1, sort_keys=True))


def cut_openrouter(source: Path, target: Path) -> None:
    data = json.loads(source.read_text())
    rows = [row for row in data["data"] if row["id"].split("/", 1)[0] in OPENROUTER_CREATORS]
    for row in rows:
        row["description"] = row["description"][:200]
    target.write_text(json.dumps({"data": rows}, indent=1))


def cut_genai_prices(source: Path, target: Path) -> None:
    data = json.loads(source.read_text())
    rows = []
    for provider in data:
        if provider["id"] in GENAI_PROVIDERS:
            provider = {k: v for k, v in provider.items() if k in {"id", "name", "pricing_urls", "models"}}
            rows.append(provider)
    target.write_text(json.dumps(rows, indent=1))


def cut_arena(source: Path, target: Path) -> None:
    data = json.loads(source.read_text())
    kept = {}
    for board, rows in data.items():
        if board in ARENA_BOARDS:
            top = sorted(rows.items(), key=lambda item: -item[1]["rating"])[:ARENA_TOP]
            kept[board] = dict(top)
    target.write_text(json.dumps(kept, indent=1))


def main(data: Path) -> None:
    for snapshot in sorted((data / "models-dev").glob("models-dev-*.tar.gz")):
        cut_models_dev(snapshot, HERE / snapshot.name)
    cut_litellm(data / "litellm/litellm-1.109.1-model-prices.json", HERE / "litellm-1.109.1-model-prices.json")
    cut_openrouter(data / "openrouter/openrouter-models-2026-07-01.json", HERE / "openrouter-models-2026-07-01.json")
    cut_genai_prices(data / "genai-prices/genai-prices-v2-data.json", HERE / "genai-prices-2026-08-21.json")
    for day in ARENA_DATES:
        cut_arena(data / f"arena/leaderboard-text-{day}.json", HERE / f"leaderboard-text-{day}.json")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data"))
