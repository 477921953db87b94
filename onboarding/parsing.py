"""Reading one cell's text as a value: dates (dd/mm/yyyy), years, choices written the way
clerks write them (accents and case ignored). Each raises ``ValueError`` with a message."""

import datetime
import functools
import re
import time

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from common.text import fold

_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
FIRST_YEAR = 1945


def parse_date(text: str, label: str) -> datetime.date:
    match = _DATE.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return datetime.date(year, month, day)
        match = _ISO.match(text.split(" ")[0])
        if match:
            year, month, day = (int(g) for g in match.groups())
            return datetime.date(year, month, day)
    except ValueError:
        pass
    raise ValueError(
        _("%(label)s “%(value)s” is not a date (write dd/mm/yyyy)") % {"label": label, "value": text}
    )


@functools.lru_cache(maxsize=2)
def _next_year(hour: int) -> int:
    return datetime.date.today().year + 1


def parse_year(text: str, label: str) -> int:
    last = _next_year(int(time.time() // 3600))  # today() per row costs more than the rest of the check
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= last:
        raise ValueError(
            _("%(label)s “%(value)s” is not a year between %(first)s and %(last)s")
            % {"label": label, "value": text, "first": FIRST_YEAR, "last": last}
        )
    return int(text)


def parse_choice(text: str, label: str, choices: dict[str, str]) -> str:
    """``choices`` maps folded spellings to values."""
    value = choices.get(fold(text))
    if value is None:
        raise ValueError(
            _("%(label)s “%(value)s” is not one of the accepted values") % {"label": label, "value": text}
        )
    return value


def parse_email(text: str) -> str:
    try:
        validate_email(text)
    except ValidationError:
        raise ValueError(_("“%(value)s” is not an email address") % {"value": text}) from None
    return text.lower()


def spellings(choices, extra: dict[str, list[str]] | None = None) -> dict[str, str]:
    """Folded spellings of a Django ``TextChoices``: its values, labels (in both languages
    as written in the code) and the ``extra`` Vietnamese words for each value."""
    found = {}
    for value, label in choices.choices:
        found[fold(value)] = value
        found[fold(str(label))] = value
    for value, words in (extra or {}).items():
        for word in words:
            found[fold(word)] = value
    return found
