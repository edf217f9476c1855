"""Changes a person makes to their own account: profile and interface language.

They take values, like every service, so that an import or a test can make them without a form."""

from programmes.core.values import assign


def update_profile(user, **values):
    """Set the profile fields in `values` (name, language, reminders) and save those that changed."""
    changed = assign(user, values)
    if changed:
        user.save(update_fields=changed)
    return changed


def set_language(user, language):
    """Keep the interface language on the account, so that e-mails and the next sign-in use it."""
    return update_profile(user, language=language)
