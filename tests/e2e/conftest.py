"""Browser journeys in Debian's Chromium, driven by Playwright (never a downloaded browser).

Without /usr/bin/chromium the journeys are skipped with that reason; in CI (CI=true) they are
required, so a missing browser fails instead of skipping.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Playwright's sync API runs an event loop in this thread; the ORM calls made by test set-up
# are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required in CI but was not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's chromium to run browser journeys")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab that also checks, after the journey, that no request left the site."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    yield page
    context.close()
    elsewhere = [url for url in requested if not url.startswith((live_server.url, "data:"))]
    assert not elsewhere, f"requests to other hosts: {elsewhere}"
