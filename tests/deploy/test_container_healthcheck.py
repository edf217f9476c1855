"""The image's HEALTHCHECK (mentoring/healthcheck.py) asks this container's own web server for
/healthz under a host name the site accepts: with ALLOWED_HOSTS set to the public name, as the
README says, plain `localhost` got 400 and the container was reported unhealthy for ever."""

import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "mentoring" / "healthcheck.py"


@pytest.fixture
def web_server():
    seen = []

    class Handler(BaseHTTPRequestHandler):
        status = 200

        def do_GET(self):
            seen.append((self.path, self.headers["Host"]))
            self.send_response(Handler.status)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server, Handler, seen
    server.shutdown()


def _check(port, allowed_hosts):
    env = {"WEB_BIND": f"0.0.0.0:{port}", "ALLOWED_HOSTS": allowed_hosts, "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, str(SCRIPT)], env=env, capture_output=True, text=True, timeout=20)


def test_the_check_asks_for_healthz_under_the_first_allowed_host_name(web_server):
    server, _handler, seen = web_server
    result = _check(server.server_port, ".mentoring.example.org, localhost")
    assert result.returncode == 0, result.stderr
    assert seen == [("/healthz", "mentoring.example.org")]


def test_a_failing_health_check_makes_the_container_unhealthy(web_server):
    server, handler, _seen = web_server
    handler.status = 503
    assert _check(server.server_port, "mentoring.example.org").returncode == 1


def test_no_web_server_at_all_is_unhealthy_not_a_hang():
    assert _check(9, "mentoring.example.org").returncode == 1
