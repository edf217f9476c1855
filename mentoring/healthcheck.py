"""The container's health check: GET /healthz on this container's own web server.

Run as a script (`python mentoring/healthcheck.py`), with the standard library only, so that it
costs no Django start-up every 30 s. It sends the first ALLOWED_HOSTS name as the Host header:
calling plain `localhost` got 400 (and a logged traceback every 30 s) as soon as ALLOWED_HOSTS
held only the public name, as the README asks. Exit 0 when /healthz answers 200, 1 otherwise.
"""

import os
import sys
import urllib.error
import urllib.request


def host_header():
    for name in os.environ.get("ALLOWED_HOSTS", "").split(","):
        name = name.strip().lstrip(".")  # ".example.org" allows example.org and its subdomains
        if name and name != "*":
            return name
    return "localhost"


def url():
    bind = os.environ.get("WEB_BIND", "0.0.0.0:8000")
    port = bind.rsplit(":", 1)[-1]
    return f"http://127.0.0.1:{port}/healthz"


def main():
    request = urllib.request.Request(url(), headers={"Host": host_header()})
    try:
        with urllib.request.urlopen(request, timeout=4) as response:
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as error:
        print(f"healthz: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
