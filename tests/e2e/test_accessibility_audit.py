"""The axe check the journeys rely on does catch violations: a field without a label and grey
text on white added to a real page are both reported."""

import pytest

from tests.e2e.accessibility import Audits

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_audit_reports_what_a_screen_reader_or_a_low_vision_user_would_miss(page, live_server):
    audits = Audits()
    audit = audits.follow(page, "anyone")
    page.goto(f"{live_server.url}/accounts/login/")
    audit.check("as shipped")
    assert audit.violations == []
    page.evaluate("""() => {
      const main = document.querySelector("main");
      main.insertAdjacentHTML("beforeend", '<input type="text" name="unnamed">');
      main.insertAdjacentHTML("beforeend", '<p style="color:#bbb;background:#fff">Hard to read</p>');
    }""")
    audit.check("broken on purpose")
    assert {v["rule"] for v in audit.violations} >= {"label", "color-contrast"}
    with pytest.raises(AssertionError, match="WCAG 2.1 A/AA violations"):
        audits.assert_no_violations()
