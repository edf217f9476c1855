"""The tenant (Network), who belongs to it (Membership) and who is asked to join (Invitation).

Every table that holds a network's data inherits `TenantModel`: a non-null `network` foreign key
and a django-scopes manager, so a query that forgets its network raises instead of leaking.
"""

import hashlib
import secrets
from functools import cache

from django.conf import settings
from django.db import IntegrityError, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from .constraints import network_key
from .reserved import validate_not_reserved


class Network(models.Model):
    """A city network running mentoring programmes: the unit of tenancy."""

    slug = models.SlugField(
        _("address"),
        max_length=50,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("Used in the network's web address, e.g. /inclucities/."),
    )
    name = models.CharField(_("name"), max_length=200)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Languages the network works in.")
    )
    mfa_required = models.BooleanField(
        _("two-factor authentication required"),
        default=False,
        help_text=_("Members must turn on two-factor authentication before they can open the network."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class TenantModel(models.Model):
    """Base for every row owned by a network, children included (DESIGN.md, Tenancy)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", verbose_name=_("network"))

    objects = ScopedManager(network="network")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refuse_parents_of_other_networks()
        super().save(*args, **kwargs)

    def refuse_parents_of_other_networks(self):
        """Refuse to save a row whose parent (a foreign key to another network-owned row, already
        loaded) sits in another network. It costs no query; PostgreSQL's composite foreign keys
        (tenancy/constraints.py) also refuse what this cannot see, on SQLite it is the guard."""
        for field in tenant_parents(type(self)):
            parent = field.get_cached_value(self, default=None)
            if parent is not None and parent.network_id != self.network_id:
                raise IntegrityError(
                    f"{self._meta.label}.{field.name} is in network {parent.network_id}, "
                    f"but the row is in network {self.network_id}"
                )


@cache
def tenant_parents(model):
    """The foreign keys (one-to-ones included) of `model` that point at other network-owned rows:
    those the save guard compares and that each need a SameNetwork constraint."""
    return tuple(
        field for field in model._meta.concrete_fields
        if (field.many_to_one or field.one_to_one) and field.name != "network"
        and issubclass(field.related_model, TenantModel)
    )


class Role(models.TextChoices):
    ADMIN = "admin", _("Admin")
    COORDINATOR = "coordinator", _("Coordinator")
    FACILITATOR = "facilitator", _("Facilitator")
    MEMBER = "member", _("Member")


class Membership(TenantModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["network", "user"], name="one_membership_per_network")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(TenantModel):
    """An e-mailed, single-use, expiring offer to join a network with a role.

    Only a hash of the token is stored: the link in the e-mail is the secret.
    """

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    language = models.CharField(
        _("language of the invitation e-mail"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    purpose = models.CharField(
        _("purpose"), max_length=300, blank=True, help_text=_("A sentence added to the e-mail, e.g. the mentorship.")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(network="network", _manager_class=models.Manager.from_queryset(InvitationQuerySet))

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [network_key()]

    def __str__(self):
        return self.email

    def new_token(self):
        """Give the invitation a fresh secret and return it (the only time it is readable)."""
        token = secrets.token_urlsafe(32)
        self.token_hash = hash_token(token)
        return token

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def status(self):
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.is_expired:
            return "expired"
        return "pending"

    def get_status_display(self):
        return {
            "accepted": _("Accepted"),
            "revoked": _("Revoked"),
            "expired": _("Expired"),
            "pending": _("Pending"),
        }[self.status]


class AuditEntry(TenantModel):
    """Who changed what, when: one row per state change a user may ask about later."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=60)
    subject = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.action} {self.subject}"
