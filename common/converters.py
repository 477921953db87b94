"""Path converters that match only well-formed values, so that a hostile path (a NUL byte,
a 40-digit id, a code of another shape) is a 404 and never reaches the database.

Registered by ``CommonConfig.ready``, before any ``urls.py`` is read."""

from django.urls import register_converter


class IdConverter:
    """A database id: 1 to 18 digits, always within a 64-bit integer column."""

    regex = "[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


class DossierCodeConverter:
    """A dossier code as ``nominations.services.next_nomination_code`` makes it: KT-2024-000123."""

    regex = "[A-Z][A-Z0-9]{0,9}-[0-9]{4}-[0-9]{6,9}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")
register_converter(DossierCodeConverter, "dossier")
