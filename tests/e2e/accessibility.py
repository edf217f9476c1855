"""axe-core inside the journeys' pages (WCAG 2.1 A and AA rules), and a record of every page a
browser tab loads, so that a journey can prove it checked each one."""

import json
from pathlib import Path
from urllib.parse import urlsplit

AXE_SOURCE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Injected with evaluate(), not a <script> tag: the site's Content-Security-Policy rightly refuses
# scripts it did not serve, and the check must see the page exactly as a user gets it.
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + n.failureSummary.split("\\n").slice(1).join(" ")),
  }));
}"""


def _where(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Audit:
    """Follows one browser tab: `check()` runs axe on what the tab shows now; `loaded` lists every
    page the tab loaded, so that the journey can name any page it forgot to check."""

    def __init__(self, page, who):
        self.page, self.who = page, who
        self.loaded, self.checked, self.violations = [], set(), []
        page.on("load", lambda loaded: self.loaded.append(_where(loaded.url)))

    def check(self, state=""):
        self.page.wait_for_load_state("load")
        # A check taken mid-transition (an htmx swap fading in, a focus ring growing) measures
        # colours that no one reads; wait until the page is still.
        self.page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            self.page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
        where = _where(self.page.url)
        for violation in self.page.evaluate(RUN_AXE, WCAG_21_A_AA):
            self.violations.append({"who": self.who, "page": where, "state": state, **violation})
        self.checked.add(where)



class Audits:
    """All the tabs of a journey; `assert_clean()` fails on any violation or unchecked page."""

    def __init__(self):
        self.audits = []

    def follow(self, page, who):
        audit = Audit(page, who)
        self.audits.append(audit)
        return audit

    def assert_no_violations(self):
        violations = [v for audit in self.audits for v in audit.violations]
        assert not violations, "WCAG 2.1 A/AA violations:\n" + json.dumps(violations, indent=1, ensure_ascii=False)

    def assert_clean(self):
        """No violation anywhere, and every page any tab loaded was checked in some tab (the
        sign-in page, for one, is loaded by each person but checked once)."""
        self.assert_no_violations()
        checked = {where for audit in self.audits for where in audit.checked}
        unchecked = sorted({where for audit in self.audits for where in audit.loaded} - checked)
        assert not unchecked, f"pages loaded but never checked with axe: {unchecked}"

    @property
    def pages_checked(self):
        return sum(len(audit.checked) for audit in self.audits)
