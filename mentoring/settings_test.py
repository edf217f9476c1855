"""The test profile: the same settings with DJANGO_ENV=test (fast hashing, mail kept in memory)."""

import os

os.environ.setdefault("DJANGO_ENV", "test")

from .settings import *  # noqa: E402,F403
