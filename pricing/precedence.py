"""Which source's price an endpoint is served at when several sources price it: a pure rule.

Each source's rows for one endpoint are a series of their own (see
``pricing.rules``). When more than one series is in force on a day, the one
served is decided by who is most likely to know the price, never by which
row happens to be newest: picking the newest row makes the served price
jump between sources that disagree (0.2/1.2 from one, 1/6 from another the
next day, 0.2/1.2 again), inventing changes that never happened. So:

1. a curator's price (a pin): a person checked it;
2. the seller's own price list: the maker's or host's own API (``official``),
   or a source that is the host itself (OpenRouter's models API prices the
   OpenRouter endpoints);
3. the reference catalog's card (models.dev: lab cards and the creators' API files);
4. price aggregators: genai-prices (a curated price database with dated
   changes), then LiteLLM, then OpenRouter's listings of other hosts;
5. any other source, by name.

A source listed first wins for as long as its series is in force; when it
stops listing the endpoint (a withdrawal) the next one is served.
"""

from __future__ import annotations

CURATOR_SOURCE = "curator"
# The seller's own price list, whoever records it.
OFFICIAL_SOURCE = "official"
# Sources that are a host's own API: their prices for that host's endpoints are the seller's own.
HOST_OWN_SOURCES = {"openrouter": "openrouter"}
# Reference catalog first, then the aggregators.
CATALOG_ORDER = ("models-dev", "genai-prices", "litellm", "openrouter")

PIN, SELLER, CATALOG, OTHER = 0, 1, 2, 3


def source_rank(source: str, *, host_slug: str) -> tuple[int, int, str]:
    """Sort key of ``source``'s series on an endpoint of ``host_slug``: lower is served first."""
    if source == CURATOR_SOURCE:
        return (PIN, 0, source)
    if source == OFFICIAL_SOURCE or HOST_OWN_SOURCES.get(source) == host_slug:
        return (SELLER, 0, source)
    if source in CATALOG_ORDER:
        return (CATALOG, CATALOG_ORDER.index(source), source)
    return (OTHER, 0, source)
