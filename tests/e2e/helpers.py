"""What every browser journey does the same way."""

import re

from tests.factories import PASSWORD

# Required fields carry an asterisk in their label ("Password*").
PASSWORD_FIELD = re.compile(r"^\s*Password\*?\s*$")


def sign_in(page, live_server, email, password=PASSWORD):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(PASSWORD_FIELD).fill(password)
    page.get_by_role("button", name="Sign in").click()
