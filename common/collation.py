"""Vietnamese alphabetical order, the way people read sorted lists.

Character codes put "Bệnh viện Y dược" before "Bệnh viện Đa khoa" (Đ is U+0110, after Y) and
capitals before small letters. Vietnamese order is: a ă â b c d đ e ê g h i k l m n o ô ơ p q r
s t u ư v x y, letters first (ignoring case and tone), then tones (none, huyền, hỏi, ngã, sắc,
nặng), then case.

PostgreSQL has it as the ICU collation ``vi-VN-x-icu``; on SQLite a collation of the same name is
registered on every connection (``register_sqlite_collation``), so ``vietnamese("name")`` orders
the same on both. ``vietnamese_key`` sorts lists in Python (a decision's annex, a page's rows).
"""

import unicodedata

from django.db.models import F
from django.db.models.functions import Collate

COLLATION = "vi-VN-x-icu"
ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
# Marks that make a letter of its own (ă â ê ô ơ ư), and tone marks, in dictionary order.
_LETTER_MARKS = {"\u0306": "\u0306", "\u0302": "\u0302", "\u031b": "\u031b"}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text: str):
    """(letter, tone, is_upper) for each letter of ``text``, marks folded into their letter."""
    out = []
    for char in unicodedata.normalize("NFD", text):
        if char in _TONES and out:
            letter, _tone, upper = out[-1]
            out[-1] = (letter, _TONES[char], upper)
        elif char in _LETTER_MARKS and out:
            letter, tone, upper = out[-1]
            out[-1] = (unicodedata.normalize("NFC", letter + char), tone, upper)
        elif unicodedata.combining(char) and out:
            continue  # any other mark: ignored for ordering
        else:
            out.append((char.lower(), 0, char.isupper()))
    return [(("đ" if letter == "đ" else letter), tone, upper) for letter, tone, upper in out]


def _primary(letter: str) -> int:
    if letter in _LETTER_RANK:
        return 2000 + _LETTER_RANK[letter]
    if letter.isdigit():
        return 1000 + int(letter) if letter.isascii() else 1000 + unicodedata.digit(letter, 0)
    if letter.isspace():
        return 0
    return 3000 + ord(letter)


def vietnamese_key(text: str) -> tuple:
    """A sort key: letters in Vietnamese order (case and tone aside), then tones, then case."""
    letters = _letters(text or "")
    return (
        tuple(_primary(letter) for letter, _tone, _upper in letters),
        tuple(tone for _letter, tone, _upper in letters),
        tuple(upper for _letter, _tone, upper in letters),
    )


def compare(left: str, right: str) -> int:
    a, b = vietnamese_key(left), vietnamese_key(right)
    return (a > b) - (a < b)


def vietnamese(field: str):
    """An ``order_by`` expression: ``field`` in Vietnamese order, on PostgreSQL and SQLite."""
    return Collate(F(field), COLLATION)


def sorted_vietnamese(items, key=lambda item: item):
    return sorted(items, key=lambda item: vietnamese_key(key(item)))


def register_sqlite_collation(sender, connection, **kwargs):
    """``connection_created`` receiver: SQLite learns the collation PostgreSQL has from ICU."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, compare)
