"""Names shown in cached fragments (comment authors) follow a person's new name or e-mail."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from programmes.tenancy import fragments

from .models import User

SHOWN = {"full_name", "email"}


@receiver(post_save, sender=User, dispatch_uid="accounts.people_changed_on_save")
def _saved(sender, instance, created, update_fields=None, **kwargs):
    # A new person is in no fragment yet; a login only touches last_login.
    if not created and (update_fields is None or SHOWN & set(update_fields)):
        fragments.people_changed()


@receiver(post_delete, sender=User, dispatch_uid="accounts.people_changed_on_delete")
def _deleted(sender, instance, **kwargs):
    fragments.people_changed()  # their comments now read "a former participant"
