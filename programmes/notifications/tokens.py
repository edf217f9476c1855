"""One-click unsubscribe tokens: who (a user id) stops which e-mails (a kind, or the daily digest).

A token is signed with the site's secret key and its own salt (django.core.signing, no timestamp: the
same token each time), so it needs no
table and cannot be made up or altered: changing one character of it makes it invalid. It does not
expire, as an old e-mail's link should still work; using it twice only says that the e-mails had
already stopped.
"""

import zlib

from django.contrib.auth import get_user_model
from django.core import signing

from .kinds import Kind

SALT = "programmes.notifications.unsubscribe"
DIGEST = "digest"  # the daily digest as a whole: every kind that is delivered in it


def make_token(user, kind):
    """The token that stops `kind` (a Kind value, or DIGEST) for `user`."""
    return signing.Signer(salt=SALT).sign_object([user.pk, str(kind)])


def read_token(token):
    """(user, kind) of a valid token of an active person, else None."""
    try:
        user_id, kind = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError, zlib.error):
        return None
    if kind not in (*Kind.values, DIGEST) or not isinstance(user_id, int):
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    return (user, kind) if user is not None else None
