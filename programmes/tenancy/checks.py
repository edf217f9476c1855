"""Start-up checks of the deployment."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_in_production(app_configs, **kwargs):
    """Rendered fragments (programmes/tenancy/fragments.py) learn that a person was renamed through
    the cache, and allauth counts failed sign-ins there: with several web processes, each with
    its own in-memory cache, one process would keep showing old names for up to a week."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PRODUCTION and backend.endswith("LocMemCache"):
        return [checks.Warning(
            "The cache is in process memory: with more than one web process, set CACHE_URL to a shared "
            "cache (e.g. redis://host:6379/1) so that every process sees renamed people and rate limits.",
            id="tenancy.W001")]
    return []
