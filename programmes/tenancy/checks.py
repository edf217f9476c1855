"""Start-up checks of the deployment."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_in_production(app_configs, **kwargs):
    """allauth counts failed sign-ins in the cache: with several web processes, each with its own
    in-memory cache, each would count on its own and let through that many more guesses."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PRODUCTION and backend.endswith("LocMemCache"):
        return [checks.Warning(
            "The cache is in process memory: with more than one web process, set CACHE_URL to a shared "
            "cache (e.g. redis://host:6379/1) so that every process counts the same failed sign-ins.",
            id="tenancy.W001")]
    return []
