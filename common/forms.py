"""Form behaviour every form that takes text from a person shares."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

# Tabs and line breaks are ordinary in a comment; every other control character is not text.
ALLOWED_CONTROLS = frozenset("\t\n\r")


def has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) == "Cc" and ch not in ALLOWED_CONTROLS for ch in text)


class RefuseControlCharacters:
    """A form mixin: a text value holding a NUL or another control character is an error on
    its field (never a 500 from the database, never an invisible character in a document)."""

    control_character_message = _("This text contains invisible control characters; please retype it.")

    def _clean_fields(self):
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, str) and has_control_characters(value):
                self.add_error(name, forms.ValidationError(self.control_character_message, code="control"))


class DayInput(forms.DateInput):
    """A date typed as dd/mm/yyyy, the way Vietnamese offices write it, whatever language the
    browser speaks (a native date picker shows the browser's own order, often mm/dd/yyyy)."""

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "pattern": r"\d{1,2}/\d{1,2}/\d{4}",
            "size": 10,
            "autocomplete": "off",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")
