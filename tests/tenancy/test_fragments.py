"""What makes a cached fragment a new one: a release (code, templates, catalogues) and, in
development, any edit of a template or module, so that nobody is served HTML rendered from an older template."""

import os
from pathlib import Path
from unittest import mock

import pytest

from django.conf import settings as django_settings

from programmes.tenancy import fragments


@pytest.mark.parametrize("edited", ["templates_app/actionplans/_row.html", "programmes/actionplans/selectors.py"])
def test_in_development_an_edited_template_or_module_is_a_new_release_a_second_later(settings, edited):
    settings.DEBUG = True
    path = Path(django_settings.BASE_DIR) / edited
    seconds = iter(range(1_000, 2_000))
    with mock.patch("programmes.tenancy.fragments.time.monotonic", lambda: next(seconds)):
        before, stat = fragments.release(), path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        try:
            assert fragments.release() != before
        finally:
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert fragments.release() == before


def test_in_production_the_release_is_the_content_of_templates_and_catalogues(settings):
    settings.DEBUG = False
    assert fragments.release() == fragments.release() and len(fragments.release()) == 16


def test_two_templates_never_share_a_key(rf, db):
    from django.contrib.auth.models import AnonymousUser

    request = rf.get("/")
    request.user = AnonymousUser()
    same = [("one", ("same", "parts"))]
    first = fragments.render_each(request, "components/messages.html", same, name="part", shared={},
                                  load=lambda ids: {"one": None})
    second = fragments.render_each(request, "base/navbar.html", same, name="part", shared={"user": request.user},
                                   load=lambda ids: {"one": None})
    assert first != second and "navbar" in second[0]
