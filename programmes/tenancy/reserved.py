"""Words that can never be a network slug, because the first path segment means something else."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

RESERVED_SLUGS = frozenset(
    {
        "accounts", "admin", "api", "calendar", "dev", "docs", "favicon.ico", "healthz", "help", "i18n",
        "invitations", "jsi18n", "login", "logout", "media", "networks", "robots.txt", "settings",
        "signup", "static", "www",
    }
)


def validate_not_reserved(value):
    if value.lower() in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is reserved by the application; choose another address."),
            code="reserved_slug",
            params={"slug": value},
        )
