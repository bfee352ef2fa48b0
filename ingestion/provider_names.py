"""A provider's display name, derived from its evidence, whatever order the files came in.

Sources name providers their own way: models.dev's ``providers/mistral``
calls Mistral "Mistral", genai-prices calls DeepSeek "Deepseek", and a
fine-tuner's org is spelled as each id writes it. The name kept is the best of
everything any run said, strongest first:

1. a curator's edit in the admin (``Provider.NameBasis.CURATOR``): never replaced;
2. the catalog's own list of names (``CREATORS`` and ``HOST_NAMES`` in
   ``ingestion/sources/providers.py``), applied to every provider it names on
   every run, so a corrected entry reaches the catalog at the next run;
3. a source's own name for it (models.dev's ``provider.toml``, genai-prices'
   provider ``name``), by ``SOURCE_ORDER``, then the newer file;
4. the maker's org as a model id spells it (``TheDrummer``), ranked the same way;
5. a name read off the slug.

A name kept from before names were derived (blank ``name_basis``) gives way
only to 2 or 3. Ties go to the name first in alphabetical order. Each run compares what its
file says with what the provider keeps (``name_basis``, ``name_source``,
``name_as_of``), so the name is always the best of all the files read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ingestion.sources.providers import CREATORS, HOST_NAMES, known_name, slug_name
from models_registry.models import Provider
from models_registry.provenance import source_rank

Basis = Provider.NameBasis
# Strongest first; a curator's name is never compared, it stays.
BASIS_ORDER = (Basis.KNOWN, Basis.SOURCE, Basis.ID, Basis.SLUG)
# Every slug the catalog's own lists name.
KNOWN_SLUGS = frozenset(CREATORS) | frozenset(HOST_NAMES)


@dataclass(frozen=True)
class ProviderName:
    name: str
    basis: str
    source: str = ""
    as_of: date | None = None

    @property
    def rank(self) -> tuple:
        """Lower is stronger (the module docstring's order)."""
        by_file = self.basis in (Basis.SOURCE, Basis.ID)
        return (
            BASIS_ORDER.index(self.basis),
            source_rank(self.source) if by_file else 0,
            -(self.as_of.toordinal() if by_file and self.as_of else 0),
            self.name,
        )


def name_from(slug: str, *, stated: str = "", spelled: str = "", source: str, as_of: date) -> ProviderName:
    """The name a run's file gives the provider: ``stated`` by the source itself, or ``spelled`` in an id."""
    if known := known_name(slug):
        return ProviderName(known, Basis.KNOWN)
    stated, spelled = stated.strip()[:200], spelled.strip()[:200]
    if stated and stated != slug_name(slug):
        return ProviderName(stated, Basis.SOURCE, source, as_of)
    if spelled and spelled != slug_name(slug):
        return ProviderName(spelled, Basis.ID, source, as_of)
    return ProviderName(slug_name(slug)[:200], Basis.SLUG)


def kept_name(provider: Provider) -> ProviderName | None:
    """What the provider keeps, as evidence; None when any name a file gives beats it
    (a list entry since changed or removed)."""
    basis = provider.name_basis
    if basis == Basis.KNOWN and known_name(provider.slug) != provider.name:
        return None
    return ProviderName(provider.name, basis, provider.name_source, provider.name_as_of)


def better_name(provider: Provider, offered: ProviderName) -> bool:
    """Whether ``offered`` should replace the provider's name (never a curator's).

    A name kept from before names were derived (blank basis) came from some
    source or a curator: only the list or a source's own name replaces it.
    """
    if provider.name_basis == Basis.CURATOR:
        return False
    if not provider.name_basis:
        return offered.basis in (Basis.KNOWN, Basis.SOURCE)
    kept = kept_name(provider)
    return kept is None or offered.rank < kept.rank


def name_set(provider: Provider, offered: ProviderName) -> None:
    provider.name, provider.name_basis = offered.name, offered.basis
    provider.name_source, provider.name_as_of = offered.source, offered.as_of


def name_apply(provider: Provider, offered: ProviderName) -> bool:
    """Give an existing provider ``offered`` if it is better; True when something changed."""
    if not better_name(provider, offered):
        return False
    name_set(provider, offered)
    return True


NAME_FIELDS = ("name", "name_basis", "name_source", "name_as_of")
