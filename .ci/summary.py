"""Adds up the JUnit reports of the CI runs into one closing line: 'ci: N passed, N failed, N skipped'."""

import sys
import xml.etree.ElementTree as ET

totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
for path in sys.argv[1:]:
    for suite in ET.parse(path).getroot().iter("testsuite"):
        for key in totals:
            totals[key] += int(suite.get(key, 0))
failed = totals["failures"] + totals["errors"]
passed = totals["tests"] - failed - totals["skipped"]
print(f"ci: {passed} passed, {failed} failed, {totals['skipped']} skipped")
sys.exit(1 if failed or passed == 0 else 0)
