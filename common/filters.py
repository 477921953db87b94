"""The base of every list filter (django-filter): a wrong value is an error on the form,
never a filter silently dropped."""

import django_filters
from django.utils.translation import gettext as _


class StrictFilterSet(django_filters.FilterSet):
    @property
    def results(self):
        """The filtered rows; none while a value is invalid, so that an unfiltered list is
        never shown as if it were filtered (the form says what is wrong)."""
        if self.is_bound and not self.is_valid():
            return self.queryset.none()
        return self.qs

    @property
    def error_text(self) -> str:
        if not self.is_bound or self.is_valid():
            return ""
        return _("Some filters are not valid: %(fields)s.") % {
            "fields": ", ".join(
                str(self.form.fields[name].label) for name in self.form.errors if name in self.form.fields
            )
        }

    def query_string_without_page(self) -> str:
        """The filters as a query string, for the pager's links."""
        if not self.is_bound:
            return ""
        params = self.data.copy()
        params.pop("page", None)
        return params.urlencode()
