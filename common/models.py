"""Abstract models shared by apps: a file a person uploaded and others may download."""

from django.conf import settings
from django.db import models
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .events import file_downloaded


class StoredUpload(models.Model):
    """A file kept under a random name; the person's own file name, size and checked
    content type are kept beside it and given back on download. Subclasses declare
    ``file`` with their own storage path."""

    original_name = models.CharField(gettext_lazy("file name"), max_length=255)
    size = models.PositiveBigIntegerField(gettext_lazy("size (bytes)"))
    content_type = models.CharField(gettext_lazy("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(gettext_lazy("uploaded at"), default=timezone.now)

    class Meta:
        abstract = True

    def store(self, uploaded_file, *, content_type: str, by) -> None:
        """Take a checked upload (see ``common.uploads.validate_evidence_file``) into this row."""
        self.original_name = uploaded_file.name
        self.size = uploaded_file.size
        self.content_type = content_type
        self.uploaded_by = by
        self.file.save(uploaded_file.name, uploaded_file, save=False)

    def download(self, request) -> FileResponse:
        """The file as a download under its original name; the download is announced
        (``common.events.file_downloaded``) so that the audit trail records it."""
        try:
            handle = self.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404(_("The file is missing from storage.")) from exc
        file_downloaded.send(sender=type(self), upload=self, request=request)
        return FileResponse(
            handle, as_attachment=True, filename=self.original_name, content_type=self.content_type
        )
