"""Warming the leaderboard cache after a publish, so a reader rarely pays for a miss.

A publish bumps the data version, which makes every cached leaderboard body
unreachable at once; the first reader of each category would then build it
(two queries and the rows' conversion, about ten times a hit's cost). The
recompute builds the first pages of every category right after its bump
instead, under the same keys the view reads (``aimodelsmap.api.caching``:
the raw query and the slug), with the same body builder
(``selectors.leaderboard_body``).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import QueryDict

from aimodelsmap.api.caching import cached_body, read_key
from aimodelsmap.dataversion import data_version
from models_registry.models import Category
from rankings import selectors
from rankings.api.v1.serializers import RankingQuerySerializer

logger = logging.getLogger(__name__)

LEADERBOARD_CACHE_NAMESPACE = "rankings"
# The first pages readers ask for, as raw query strings: the default page and
# the page sizes clients use. Any other query is built on its first read.
WARM_QUERIES = ("", "limit=20", "limit=50", "limit=100")


def warm_leaderboard_cache() -> int:
    """Build and cache the first leaderboard pages of every category under the current data version.

    Call it after the publish's version bump has landed (on commit). Returns
    the number of pages now cached; 0 when the cache is off or unreachable (a
    body cached without a version would be served only to this process).
    """
    if settings.CATALOG_CACHE_SECONDS <= 0 or not data_version():
        return 0
    pages = 0
    for slug in Category.objects.order_by("display_order", "slug").values_list("slug", flat=True):
        for query_string in WARM_QUERIES:
            query = QueryDict(query_string)
            params = RankingQuerySerializer(data=query)
            params.is_valid(raise_exception=True)
            limit = params.validated_data["limit"]
            cached_body(
                LEADERBOARD_CACHE_NAMESPACE,
                read_key(query, slug=slug),
                lambda slug=slug, limit=limit: selectors.leaderboard_body(slug, limit=limit, cursor=None),
            )
            pages += 1
    logger.info("leaderboard cache warmed: %d first pages", pages)
    return pages
