"""Pages whose total is counted only up to a cap: counting 90,000 matches costs more than it tells."""

from __future__ import annotations

from collections.abc import Hashable

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.functional import cached_property

from rabta.core.cache import cached

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """A Paginator whose ``count`` stops at ``COUNT_CAP + 1`` (shown as "10,000+")."""

    cap = COUNT_CAP

    def __init__(self, object_list, per_page, *, cache_parts: tuple[Hashable, ...] | None = None):
        super().__init__(object_list, per_page)
        self.cache_parts = cache_parts

    @cached_property
    def count(self) -> int:
        """The number of matches (up to the cap); with ``cache_parts`` (the search's filters)
        cached until an opportunity or organisation changes."""

        def count() -> int:
            return self.object_list.order_by()[: self.cap + 1].count()

        if self.cache_parts is None:
            return count()
        return cached(
            "marketplace", ("count", *self.cache_parts), count, timeout=settings.RABTA_CACHE_SECONDS
        )

    def number_of(self, page) -> int:
        """The page number ``get_page(page)`` shows: 1 for what is not a number, the last
        past the end."""
        try:
            return self.validate_number(page)
        except PageNotAnInteger:
            return 1
        except EmptyPage:
            return self.num_pages

    @property
    def is_capped(self) -> bool:
        return self.count > self.cap
