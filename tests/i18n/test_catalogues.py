"""English and Italian ship complete: every product string has an Italian translation, and the
compiled catalogue that Django reads matches the source."""

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
    assert not untranslated and not fuzzy, f"untranslated: {untranslated}, fuzzy: {fuzzy}"


@pytest.mark.parametrize("language", SHIPPED)
def test_compiled_catalogue_matches_the_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    po = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(folder / "django.po")) if not e.obsolete}
    mo = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(folder / "django.mo"))}
    mo.pop((None, ""), None)
    assert po == mo, "run `make messages` to recompile the catalogue"


def test_catalogue_covers_every_string_in_the_code(tmp_path):
    """makemessages on the current code adds nothing the committed catalogue lacks."""
    import shutil
    import subprocess
    import sys

    root = Path(settings.BASE_DIR)
    committed = {e.msgid for e in polib.pofile(str(LOCALE / "it" / "LC_MESSAGES" / "django.po"))}
    work = tmp_path / "locale"
    shutil.copytree(LOCALE, work)
    env_code = (
        "import django, os, sys; os.environ['DJANGO_SETTINGS_MODULE']='mentoring.settings_test'; "
        "from django.conf import settings; django.setup(); settings.LOCALE_PATHS=[sys.argv[1]]; "
        "from django.core.management import call_command; "
        "call_command('makemessages', locale=['it'], ignore_patterns=['.venv/*', 'var/*', 'tests/*'], no_location=True, verbosity=0)"
    )
    subprocess.run([sys.executable, "-c", env_code, str(work)], cwd=root, check=True)
    extracted = {e.msgid for e in polib.pofile(str(work / "it" / "LC_MESSAGES" / "django.po"))}
    assert extracted - committed == set(), "run `make messages` and translate the new strings"
