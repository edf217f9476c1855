"""Who may see which notifications: each person their own, in a network they belong to."""

import rules

from programmes.tenancy.rules import is_network_member


@rules.predicate
def is_recipient(user, notification):
    return notification.recipient_id == user.pk


rules.add_perm("notifications.view_notifications", is_network_member)
rules.add_perm("notifications.view_notification", is_recipient)
