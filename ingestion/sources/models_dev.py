"""models.dev catalog: a tar.gz snapshot (as shipped) or its unpacked directory.

``models/<lab>/<model>.toml`` are the labs' own cards (creator certain, with
benchmarks); ``providers/<host>/models/**/<id>.toml`` are the model as a host
serves it (price, limits). A host file with ``base_model = "<lab>/<model>"``
names its lab card, which is a certain identity link. Snapshots of early 2026
write ``[extends] from = "<provider>/<model>"`` instead: the file is that
provider's file with its own keys on top, and when that provider is the
maker's own API, the same certain link to the maker's listing.
"""

from __future__ import annotations

import copy
import gzip
import io
import posixpath
import tarfile
import tomllib
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path, PurePosixPath

from ingestion.errors import IngestError
from ingestion.records import (
    CREATOR_API,
    HOST,
    LAB,
    Batch,
    BenchmarkRecord,
    EndpointRecord,
    ModelRecord,
    PriceRecord,
    ProviderRecord,
)
from ingestion.sources import providers
from ingestion.sources.common import (
    decimal_value,
    expect,
    knowledge_text,
    optional,
    optional_int,
    optional_strings,
    parse_date,
)
from ingestion.sources.model_types import model_type_from
from ingestion.sources.names import model_display_name
from models_registry.identity.normalize import normalize_model_id
from models_registry.identity.releases import host_link_plausible

SOURCE = "models-dev"
GZIP_MAGIC = b"\x1f\x8b"
STATUSES = {"deprecated": "deprecated", "alpha": "preview", "beta": "preview"}
COSTS = {
    "input": "input_per_million",
    "output": "output_per_million",
    "cache_read": "cache_read_per_million",
    "cache_write": "cache_write_per_million",
}


def read_files(path: Path) -> Iterator[tuple[str, bytes]]:
    """(relative path, content) of every TOML file in the snapshot."""
    if path.is_dir():
        for file in sorted(path.rglob("*.toml")):
            if file.is_symlink() and not file.exists():
                continue  # a dangling link, as in the archive: nothing to read
            yield file.relative_to(path).as_posix(), file.read_bytes()
        return
    try:
        raw = path.read_bytes()
        if raw[:2] == GZIP_MAGIC:
            # Decompress once: reading members out of order from a gzip stream
            # re-inflates it from the start on every backward seek.
            raw = gzip.decompress(raw)
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as archive:
            members = {m.name.removeprefix("./"): m for m in archive.getmembers()}
            for name, member in members.items():
                if name.endswith(".toml") and (member.isfile() or member.issym() or member.islnk()):
                    target = link_target(name, members, record=path.name)
                    if target is None:
                        continue  # real snapshots carry a few dangling links: nothing to read
                    extracted = archive.extractfile(target)
                    yield name, extracted.read() if extracted else b""
    except (tarfile.TarError, gzip.BadGzipFile, zlib.error, EOFError, OSError) as exc:
        raise IngestError(f"not a readable tar.gz snapshot ({exc})", record=path.name) from exc


def link_target(name: str, members: dict[str, tarfile.TarInfo], *, record: str) -> tarfile.TarInfo | None:
    """Providers that resell another's catalog ship links to its files: follow them inside the archive."""
    member = members[name]
    for _ in range(8):
        if member.isfile():
            return member
        base = posixpath.dirname(name) if member.issym() else ""
        name = posixpath.normpath(posixpath.join(base, member.linkname.removeprefix("./")))
        if name not in members:
            return None
        member = members[name]
    raise IngestError("too many levels of links", record=f"{record} {name}")


def load_toml(name: str, content: bytes) -> dict:
    try:
        return tomllib.loads(content.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise IngestError(f"not valid TOML ({exc})", record=name) from exc


def parse(path: Path, *, as_of: date) -> Batch:
    batch = Batch(source=SOURCE, as_of=as_of, authoritative=True)
    labs: dict[str, dict] = {}
    provider_files: dict[str, dict] = {}
    model_files: list[tuple[str, str, str, dict]] = []
    for name, content in read_files(path):
        parts = PurePosixPath(name).parts
        if len(parts) == 3 and parts[0] == "models":
            labs[f"{parts[1]}/{parts[2].removesuffix('.toml')}"] = load_toml(name, content)
        elif len(parts) == 3 and parts[0] == "providers" and parts[2] == "provider.toml":
            provider_files[parts[1]] = load_toml(name, content)
        elif len(parts) >= 4 and parts[0] == "providers" and parts[2] == "models":
            model_files.append((name, parts[1], "/".join(parts[3:]).removesuffix(".toml"), load_toml(name, content)))
    if not labs and not model_files:
        raise IngestError("no models/ or providers/ TOML files found: not a models.dev snapshot", record=path.name)
    model_files, extended = extends_resolved(model_files)

    lab_records: dict[str, ModelRecord] = {}
    for lab_id, data in sorted(labs.items()):
        record_name = f"models/{lab_id}.toml"
        lab = lab_id.split("/", 1)[0]
        creator = providers.MODELS_DEV_CREATOR_APIS.get(lab, providers.provider_slug(lab))
        record = model_record(lab_id, data, record=record_name, creator=creator, authority=LAB)
        lab_records[lab_id] = record
        batch.models.append(record)
        batch.benchmarks.extend(benchmarks(lab_id, data, record=record_name, as_of=as_of))
    for lab in sorted({lab_id.split("/", 1)[0] for lab_id in labs}):
        creator = providers.MODELS_DEV_CREATOR_APIS.get(lab, providers.provider_slug(lab))
        batch.providers.append(ProviderRecord(creator, providers.display_name(creator), is_creator=True))

    for host, data in sorted(provider_files.items()):
        name = optional(data, "name", str, record=f"providers/{host}/provider.toml") or host
        website = optional(data, "doc", str, record=f"providers/{host}/provider.toml") or ""
        creator = providers.models_dev_creator_api(host)
        batch.providers.append(
            ProviderRecord(host, name, website=website[:200], is_host=True, is_creator=creator == host)
        )

    model_files = [(name, host, served_id(model_id, data), data) for name, host, model_id, data in model_files]
    own_catalogs = hosts_of_own_models(model_files, extended)
    makers_listings: dict[str, ModelRecord] = {}  # "<creator's API>/<id>" -> its record
    linked_to_listing: list[tuple[str, str, str, dict]] = []
    # A host's id that is a lab card's own id names that card's release, whatever base the host gives it.
    card_ids = {normalize_model_id(lab_id) for lab_id in lab_records}
    for record_name, host, model_id, data in sorted(model_files):
        base = data.get("base_model")
        if (
            isinstance(base, str)
            and base.strip() in lab_records
            and normalize_model_id(model_id) not in card_ids - {normalize_model_id(base.strip())}
            and host_link_plausible(
                normalize_model_id(model_id),
                normalize_model_id(base.strip()),
                lab_released=lab_records[base.strip()].facts.get("release_date"),
            )
        ):
            # The host file inherits the lab card; the host's id is one more alias of it.
            lab_record = lab_records[base.strip()]
            lab_record.aliases.append(model_id)
            model_raw_id = lab_record.raw_id
        elif _extends_another_makers_listing(extended.get(record_name), host):
            linked_to_listing.append((record_name, host, model_id, data))
            continue  # once every maker's listing is read
        else:
            record = host_file_record(record_name, host, model_id, data, own_catalogs=own_catalogs)
            batch.models.append(record)
            if record.authority == CREATOR_API:
                makers_listings[f"{host}/{model_id}"] = record
            model_raw_id = model_id
        batch.endpoints.append(endpoint_record(model_raw_id, host, model_id, data, record=record_name, as_of=as_of))
    for record_name, host, model_id, data in linked_to_listing:
        listing = makers_listings.get(extended[record_name])
        if listing is not None and host_link_plausible(
            normalize_model_id(model_id),
            normalize_model_id(listing.raw_id),
            lab_released=listing.facts.get("release_date"),
        ):
            # The maker's own listing, served by a host: the host's id is one more alias of it.
            listing.aliases.append(model_id)
            model_raw_id = listing.raw_id
        else:
            batch.models.append(host_file_record(record_name, host, model_id, data, own_catalogs=own_catalogs))
            model_raw_id = model_id
        batch.endpoints.append(endpoint_record(model_raw_id, host, model_id, data, record=record_name, as_of=as_of))
    return batch


def host_file_record(
    record_name: str, host: str, model_id: str, data: dict, *, own_catalogs: frozenset[str]
) -> ModelRecord:
    """The model a host's file lists, as the maker's own record when the host is its maker's API."""
    creator = providers.models_dev_creator_api(host) or (host if host in own_catalogs else None)
    # A file whose lab link its own id contradicts is a host's listing, not the maker's.
    own = creator is not None and "/" not in model_id and not isinstance(data.get("base_model"), str)
    record = model_record(
        model_id,
        data,
        record=record_name,
        # On a creator's cloud platform, an id naming no other lab is the creator's (a host's record).
        creator=creator if own else providers.CREATOR_PLATFORMS.get(host),
        authority=CREATOR_API if own else HOST,
    )
    record.weights = weights_repository(model_id, data)
    return record


def extends_resolved(
    model_files: list[tuple[str, str, str, dict]],
) -> tuple[list[tuple[str, str, str, dict]], dict[str, str]]:
    """Host files written as another provider's file plus their own keys (``[extends] from =
    "deepseek/deepseek-v4-flash"``, optionally ``omit = ["cost.cache_read"]``), read as models.dev
    builds them: the other file (itself resolved first, when it extends one too) with its tables
    merged key by key with the file's own, anything else the file's own, the omitted paths removed.
    The file's id stays its own path. Returns the files with their data so resolved, and the
    ``<provider>/<model>`` each such file (by its record name) extends. A file that extends one the
    snapshot does not have, or extends itself through others, is refused, as models.dev refuses to
    build it."""
    by_key = {f"{host}/{model_id}": (name, data) for name, host, model_id, data in model_files}
    done: dict[str, dict] = {}
    extended: dict[str, str] = {}

    def resolve(key: str, chain: tuple[str, ...]) -> dict:
        name, data = by_key[key]
        if key in done or "extends" not in data:
            return done.get(key, data)
        extends = expect(data["extends"], dict, field="extends", record=name)
        source = expect(extends.get("from"), str, field="extends.from", record=name).strip()
        if source not in by_key:
            raise IngestError(f"extends {source!r}, which is no provider's file in this snapshot", record=name)
        if source in chain:
            raise IngestError(f"extends {source!r}, which extends this file in turn", record=name)
        own = {field: value for field, value in data.items() if field != "extends"}
        merged = _merged_tables(copy.deepcopy(resolve(source, (*chain, key))), own)
        for omitted in sorted(optional_strings(extends, "omit", record=name)):
            _omit(merged, omitted, record=name)
        done[key], extended[name] = merged, source
        return merged

    resolved = [(name, host, model_id, resolve(f"{host}/{model_id}", ())) for name, host, model_id, _ in model_files]
    return resolved, extended


def _merged_tables(merged: dict, own: dict) -> dict:
    """``own`` laid over ``merged`` table by table, in place. The caller passes a copy of the extended
    file, so ``omit`` then removes keys from this file's tree only, never from the extended file or
    from another file extending the same one."""
    for key, value in own.items():
        base = merged.get(key)
        merged[key] = _merged_tables(base, value) if isinstance(value, dict) and isinstance(base, dict) else value
    return merged


def _omit(data: dict, dotted: str, *, record: str) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data.get(part)
        if not isinstance(data, dict):
            raise IngestError(f"'extends.omit' names {dotted!r}, which the extended file does not have", record=record)
    data.pop(last, None)


def _extends_another_makers_listing(source: str | None, host: str) -> bool:
    """Whether a file extends the listing of a maker's own API other than its host's own
    (``openai/gpt-5`` in ``providers/openai``, served by a host or by another maker's API)."""
    if source is None:
        return False
    maker = providers.models_dev_creator_api(source.split("/", 1)[0])
    return maker is not None and maker != providers.models_dev_creator_api(host)


def served_id(model_id: str, data: dict) -> str:
    """The id the host serves the model under: its file's path, or the host's path the file's name spells
    when the path drops it (Cloudflare's files of 2025 are ``bart-large-cnn.toml``, named
    ``@cf/facebook/bart-large-cnn``: the org is part of Cloudflare's id)."""
    name = data.get("name")
    if isinstance(name, str) and name.strip().startswith("@") and name.strip().rsplit("/", 1)[-1] == model_id:
        return name.strip()
    return model_id


def weights_repository(model_id: str, data: dict) -> str:
    """The Hugging Face repository of the weights a host's file serves, when the file says so: some
    hosts' files state the id they serve as ``id = "hf:<org>/<repository>"`` (Synthetic's
    ``Qwen/qwen-3-coder-480b`` serves ``Qwen/Qwen3-Coder-480B-A35B-Instruct``). models.dev's own id is
    the file's path; this field only says which weights that path serves (``reconcile.weights_links_join``)."""
    stated = data.get("id")
    if not isinstance(stated, str) or not stated.strip().startswith("hf:"):
        return ""
    repository = stated.strip().removeprefix("hf:").strip()
    return repository if "/" in repository and repository != model_id else ""


def hosts_of_own_models(model_files: list[tuple[str, str, str, dict]], extended: dict[str, str]) -> frozenset[str]:
    """Hosts whose every listing is their own product: none links a lab card (``base_model``), extends
    another provider's file, names a publishing org (``org/name``) or carries a lab's brand. The Grid's
    ``agent-max``, LucidQuery's ``lucidquery-agi-01-swift``: such a host is the maker of what it lists,
    as a creator's own API is.
    One listing of anyone else's (nano-gpt's ``claude-...``, GitLab's ``duo-chat-gpt-5-1``) and the host
    is a reseller, whose unbranded ids (nano-gpt's ``brave``, an answer engine) name no maker."""
    others: dict[str, bool] = {}
    for name, host, model_id, data in model_files:
        foreign = (
            "base_model" in data
            or extended.get(name, host).split("/", 1)[0] != host
            or "/" in model_id
            or providers.brand_creator(model_id) is not None
            or providers.any_brand(model_id)
        )
        others[host] = others.get(host, False) or foreign
    return frozenset(host for host, foreign in others.items() if not foreign)


def model_record(raw_id: str, data: dict, *, record: str, creator: str | None, authority: int) -> ModelRecord:
    if not isinstance(data.get("name"), str) and authority != HOST:
        raise IngestError("missing required key 'name'", record=record)
    modalities = optional(data, "modalities", dict, record=record) or {}
    inputs = optional_strings(modalities, "input", record=record)
    outputs = optional_strings(modalities, "output", record=record)
    limit = optional(data, "limit", dict, record=record) or {}
    status = optional(data, "status", str, record=record)
    name = model_display_name(optional(data, "name", str, record=record) or "", fallback=raw_id.rsplit("/", 1)[-1])
    capabilities = set()
    if "text" in outputs:
        capabilities.add("chat")
    for modality, capability in (("image", "vision"), ("pdf", "pdf-input"), ("audio", "audio-input")):
        if modality in inputs:
            capabilities.add(capability)
    if "video" in inputs:
        capabilities.add("video-input")
    for modality, capability in (
        ("image", "image-generation"),
        ("audio", "audio-output"),
        ("video", "video-generation"),
    ):
        if modality in outputs:
            capabilities.add(capability)
    if optional(data, "reasoning", bool, record=record):
        capabilities.add("reasoning")
    if optional(data, "tool_call", bool, record=record):
        capabilities.add("tools")
    model_type = model_type_from(inputs=inputs, outputs=outputs, name=f"{name} {raw_id}")
    if model_type == "embedding-model":
        capabilities = {"embedding"}
    facts = {
        "name": name,
        "family": (optional(data, "family", str, record=record) or "")[:100],
        "model_type": model_type,
        "status": STATUSES.get(status or "", "active"),
        "release_date": parse_date(data.get("release_date"), field="release_date", record=record),
        "context_window": optional_int(limit, "context", record=record),
        "max_output_tokens": optional_int(limit, "output", record=record),
        "open_weights": optional(data, "open_weights", bool, record=record),
        "knowledge_cutoff": knowledge_text(data.get("knowledge"), record=record),
    }
    try:
        updated = parse_date(data.get("last_updated"), field="last_updated", record=record)
    except IngestError:
        updated = None  # only evidence of what a floating name points to: never worth refusing a card over
    return ModelRecord(
        raw_id=raw_id,
        creator_slug=creator,
        may_create=creator is not None,
        authority=authority,
        pointer_dates=[day for day in (updated, facts["release_date"]) if day is not None],
        facts=facts,
        capabilities=capabilities,
        from_maker=authority != HOST,
        context={"source_file": record, "name": name},
    )


def endpoint_record(model_raw_id: str, host: str, model_id: str, data: dict, *, record: str, as_of: date):
    limit = optional(data, "limit", dict, record=record) or {}
    cost = optional(data, "cost", dict, record=record)
    prices = []
    if cost:
        values = {
            field: decimal_value(cost.get(key), field=f"cost.{key}", record=record) for key, field in COSTS.items()
        }
        if any(value is not None for value in values.values()):
            prices.append(PriceRecord(effective_from=as_of, values=values))
    return EndpointRecord(
        model_raw_id=model_raw_id,
        host_slug=host,
        provider_model_id=model_id[:300],
        context_window=optional_int(limit, "context", record=record),
        max_output_tokens=optional_int(limit, "output", record=record),
        deprecated=data.get("status") == "deprecated",
        prices=prices,
    )


def benchmarks(lab_id: str, data: dict, *, record: str, as_of: date) -> list[BenchmarkRecord]:
    rows = optional(data, "benchmarks", list, record=record) or []
    result = []
    for index, row in enumerate(rows):
        where = f"{record} benchmarks[{index}]"
        if not isinstance(row, dict):
            raise IngestError("expected a table", record=where)
        for key in ("name", "score"):
            if key not in row:
                raise IngestError(f"missing required key '{key}'", record=where)
        name = expect(row["name"], str, field="name", record=where)
        score = expect(row["score"], (int, float), field="score", record=where)
        recorded = parse_date(row.get("date"), field="date", record=where) or as_of
        metric = optional(row, "metric", str, record=where) or ""
        source_url = optional(row, "source", str, record=where) or ""
        result.append(BenchmarkRecord(lab_id, name.strip(), float(score), metric, min(recorded, as_of), source_url))
    return result
