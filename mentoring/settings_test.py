"""The test profile: the same settings with DJANGO_ENV=test (fast hashing, mail kept in memory)."""

import os

os.environ.setdefault("DJANGO_ENV", "test")

from .settings import *  # noqa: E402,F403

# Tasks run inline in tests (a PDF is ready when the request that asked for it commits); the
# real-worker tests switch this off to go through Redis.
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)  # noqa: F405
