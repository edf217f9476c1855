"""The production profile (DJANGO_ENV=production), each test in a fresh interpreter, as the image runs it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _production_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_ENV="production",
        DJANGO_SETTINGS_MODULE="mentoring.settings",
        SECRET_KEY="a-production-secret-key-that-is-long-and-random-0123456789abcdefgh",
        ALLOWED_HOSTS="mentoring.example.org",
        **extra,
    )
    return env


def test_production_settings_pass_the_deploy_check():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=_production_env(CACHE_URL="redis://cache.internal:6379/1"), capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_shared_cache_is_warned_by_the_deploy_check():
    env = _production_env()
    env.pop("CACHE_URL", None)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert "tenancy.W001" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key_in_one_clear_line():
    for missing in ({}, {"SECRET_KEY": ""}):
        env = {**_production_env(), **missing}
        if not missing:
            env.pop("SECRET_KEY")
        result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True,
                                text=True)
        assert result.returncode != 0
        assert result.stderr.strip() == ("SECRET_KEY is not set: production needs a long random secret key "
                                         "(README.md, Configuration).")


def test_the_image_leaves_local_secrets_out():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".env" in ignored, "the production settings read .env: a developer's must not reach the image"


def test_production_leaves_the_benchmark_harness_out():
    script = "import django; django.setup(); from django.conf import settings; print(settings.INSTALLED_APPS)"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=_production_env(), capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    assert "programmes.overview" in result.stdout
    assert "programmes.perf" not in result.stdout
    bench = subprocess.run([sys.executable, "manage.py", "bench", "--help"], cwd=ROOT, env=_production_env(),
                           capture_output=True, text=True)
    assert bench.returncode != 0
    assert "Unknown command: 'bench'" in bench.stderr


def _settings(*expressions, **extra):
    """The value of each expression over `settings`, in a fresh production interpreter."""
    script = ("import django; django.setup(); from django.conf import settings; "
              f"print(*(eval(e, {{'settings': settings}}) for e in {expressions!r}))")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=_production_env(**extra),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_production_cookies_are_secure_unless_the_test_only_setting_is_given():
    cookies = ("settings.SESSION_COOKIE_SECURE", "settings.CSRF_COOKIE_SECURE")
    assert _settings(*cookies) == ["True", "True"]
    assert _settings(*cookies, TEST_ONLY_HTTP_COOKIES="true") == ["False", "False"]


def test_a_killed_workers_task_is_handed_on_in_minutes_not_an_hour():
    # Past the PDF time limit and the longest reminder retry countdown (16 min), well under kombu's hour.
    assert _settings('settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]',
                     CELERY_BROKER_URL="redis://redis:6379/0") == ["1200"]
