"""The base class of every admin that shows django-simple-history's history, so that no
one reverts a record from its history (system checks ``audit.E001``/``E002`` insist)."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history pages only show: a historical version can be opened
    but never saved back (``SIMPLE_HISTORY_REVERT_DISABLED`` hides the button; this refuses
    the POST too, which the setting alone does not)."""

    def has_change_history_permission(self, request, obj=None):
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
