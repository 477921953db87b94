"""A paginator that never counts a whole table.

Django's ``Paginator`` runs ``COUNT(*)`` over everything the list matches, which at 100,000
dossiers costs more than the page itself. ``BoundedPaginator`` counts at most ``limit + 1``
rows (``SELECT COUNT(*) FROM (… LIMIT limit + 1)``, unordered, so the database takes the
cheapest rows): below the limit it behaves exactly like Django's; above it the list says
"more than 1,000" and offers the pages up to the limit — a filter finds the rest.
"""

from functools import cached_property

from django.core.paginator import Paginator
from django.utils.formats import number_format
from django.utils.translation import gettext as _

COUNT_LIMIT = 1_000


class BoundedPaginator(Paginator):
    def __init__(
        self, object_list, per_page, *, limit: int | None = None, known_count: int | None = None, **kwargs
    ):
        """``known_count``: how many rows the list has, when the page counted them already
        (the task lists' totals per step): the paginator then runs no count of its own."""
        super().__init__(object_list, per_page, **kwargs)
        self.limit = COUNT_LIMIT if limit is None else limit
        self.known_count = known_count

    @cached_property
    def count(self) -> int:
        """The number of rows, or ``limit + 1`` when there are more (see ``is_bounded``)."""
        if self.known_count is not None:
            return min(self.known_count, self.limit + 1)
        rows = self.object_list
        if hasattr(rows, "order_by"):
            return rows.order_by()[: self.limit + 1].count()
        return min(len(rows), self.limit + 1)

    @property
    def is_bounded(self) -> bool:
        """More rows than were counted: only the first ``limit`` can be paged through."""
        return self.count > self.limit

    @cached_property
    def num_pages(self) -> int:
        if self.is_bounded:
            return -(-self.limit // self.per_page)
        return super().num_pages

    def page(self, number):
        if not self.is_bounded:
            return super().page(number)
        # Every offered page is full: the count stopped early, the rows did not.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)

    def _label(self, number: int) -> str:
        grouped = number_format(number, force_grouping=True)
        return _("more than %(count)s") % {"count": grouped} if self.is_bounded else grouped

    @property
    def count_label(self) -> str:
        """The count as a list's heading shows it: "1.234", or "more than 1.000"."""
        return self._label(self.limit if self.is_bounded else self.count)

    @property
    def pages_label(self) -> str:
        """The number of pages as the pager shows it ("40", or "more than 400")."""
        return self._label(self.num_pages)
