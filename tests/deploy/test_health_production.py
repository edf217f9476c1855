"""/healthz under the production profile: a load balancer or compose polls it over plain HTTP, on
whatever port it reaches the container, and gets the answer itself, not a redirect to https."""

import json
import subprocess
import sys

from tests.deploy.test_production_settings import ROOT, _production_env

SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client()
answers = {}
for host in ("mentoring.example.org", "mentoring.example.org:8000", "mentoring.example.org:31337"):
    response = client.get("/healthz", HTTP_HOST=host)
    answers[host] = [response.status_code, response.get("Location"), response.json() if response.status_code != 301 else None]
answers["page"] = [client.get("/accounts/login/", HTTP_HOST="mentoring.example.org:8000").status_code]
print(json.dumps(answers))
"""


def test_healthz_answers_over_plain_http_on_any_port(tmp_path):
    env = _production_env(VAR_DIR=str(tmp_path), CELERY_BROKER_URL="filesystem://")
    env.pop("CACHE_URL", None)
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers.pop("page") == [301], "production redirects every other page to https"
    for host, (status, location, body) in answers.items():
        assert (status, location) == (200, None), host
        assert body["status"] == "ok", (host, body)
