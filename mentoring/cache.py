"""The production cache: django-redis, which answers from this process's memory while Redis does
not answer.

The cache holds allauth's sign-in rate limits and nothing a page is made of. django-redis's
IGNORE_EXCEPTIONS alone is not enough for them: allauth takes a lock with `cache.add()`, which then
always fails, so every sign-in waits a second and is refused with 429 — a Redis blip would lock
everyone out. Falling back to process memory keeps sign-in working and still limited (per process
instead of shared) until Redis answers again; each fallback is logged."""

import logging

from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("mentoring.cache")

# django-redis re-raises the client's own error when told not to ignore it.
UNREACHABLE = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError)
FALLBACK_METHODS = ("get", "set", "add", "delete", "get_many", "set_many", "delete_many", "incr", "decr",
                    "has_key", "touch", "clear")


class RedisOrProcessMemory(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}), IGNORE_EXCEPTIONS=False)
        super().__init__(server, {**params, "OPTIONS": options})
        self._memory = LocMemCache(f"redis-fallback:{server}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


def _falling_back(name):
    on_redis = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        try:
            return on_redis(self, *args, **kwargs)
        except UNREACHABLE as error:
            logger.warning("Redis cache unreachable (%s): %s answered from process memory", error, name)
            return getattr(self._memory, name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in FALLBACK_METHODS:
    setattr(RedisOrProcessMemory, _name, _falling_back(_name))
