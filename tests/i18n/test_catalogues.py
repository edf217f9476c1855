"""Every shipped language is complete: every product string has a translation in Greek, Spanish,
French, Italian, Latvian and Dutch, no entry is fuzzy, and the compiled catalogue that Django
reads matches the source."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])
SHIPPED = [code for code, _name in settings.LANGUAGES if code != "en"]


@pytest.mark.parametrize("language", SHIPPED)
def test_every_string_is_translated(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


@pytest.mark.parametrize("language", SHIPPED)
def test_the_catalogue_header_carries_the_plural_rule(language):
    """A fuzzy header is skipped by msgfmt: the compiled catalogue would lose its plural rule, and
    Latvian's three forms ("1 diena", "2 dienas", "0 dienu") would collapse into English's two."""
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert not po.metadata_is_fuzzy
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))
    assert mo.metadata["Plural-Forms"] == po.metadata["Plural-Forms"]
    assert "nplurals=INTEGER" not in po.metadata["Plural-Forms"]


@pytest.mark.parametrize("language", SHIPPED)
def test_compiled_catalogue_matches_the_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    po = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(folder / "django.po")) if not e.obsolete}
    mo = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(folder / "django.mo"))}
    mo.pop((None, ""), None)
    assert po == mo, "run `make messages` to recompile the catalogue"


def test_catalogue_covers_every_string_in_the_code(tmp_path):
    """makemessages on the current code adds nothing the committed catalogue lacks.

    It runs in a copy of the source tree, because makemessages rewrites the catalogues it finds.
    """
    root = Path(settings.BASE_DIR)
    committed = {e.msgid for e in polib.pofile(str(LOCALE / "it" / "LC_MESSAGES" / "django.po"))}
    copy = tmp_path / "src"
    for part in ("manage.py", "mentoring", "programmes", "templates_app"):
        source = root / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            copy.mkdir(exist_ok=True)
            shutil.copy(source, copy / part)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mentoring.settings_test", "VAR_DIR": str(tmp_path / "var")}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "it", "--no-location", "-v", "0"],
        cwd=copy, env=env, check=True,
    )
    extracted = {e.msgid for e in polib.pofile(str(copy / "programmes" / "locale" / "it" / "LC_MESSAGES" / "django.po"))}
    assert extracted - committed == set(), "run `make messages` and translate the new strings"
