"""Vietnamese is the default language: every string we show must have its translation."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
VI_PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
VI_MO = VI_PO.with_suffix(".mo")


def test_vietnamese_catalog_is_complete():
    catalog = polib.pofile(str(VI_PO))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_compiled_catalog_matches_the_source():
    source = {e.msgid: e.msgstr for e in polib.pofile(str(VI_PO)) if e.msgstr and not e.obsolete}
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(VI_MO)) if e.msgstr}
    assert compiled == source, "run `make messages` to recompile locale/vi"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext (xgettext) is not installed")
def test_every_string_in_the_code_is_in_the_catalog(tmp_path):
    # Extract afresh into a copy of the project and compare message ids with the committed file.
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT, copy, ignore=shutil.ignore_patterns(".venv", ".git", "var", "tests", "node_modules")
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--ignore=tests"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/vi/LC_MESSAGES/django.po")) if not e.obsolete}
    committed = {e.msgid for e in polib.pofile(str(VI_PO)) if not e.obsolete}
    assert fresh - committed == set(), "new strings: run `make messages` and translate them"
