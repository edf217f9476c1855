"""Reads about accounts that pages share."""

from .models import User


def has_account(email):
    """Whether someone already signed up with `email`, in any letter case (people type addresses differently)."""
    return User.objects.filter(email__iexact=email).exists()
