"""The local support group of a mentee city (Annex 5): up to ten stakeholders, always including
migrant representatives, who advise from the needs analysis to the final action plan.

These are personal data of people who are not users: they are stored only with their consent,
whose date is recorded.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from programmes.directory.models import City
from programmes.tenancy.constraints import SameNetwork
from programmes.tenancy.models import TenantModel

MAX_MEMBERS = 10


class StakeholderType(models.TextChoices):
    MIGRANT_REPRESENTATIVE = "migrant_representative", _("Migrant representative")
    RESIDENTS_ASSOCIATION = "residents_association", _("Residents' or community association")
    CIVIL_SOCIETY = "civil_society", _("NGO or civil society")
    LOCAL_PUBLIC_BODY = "local_public_body", _("Local public body")
    COUNCIL_OFFICIAL = "council_official", _("Council official")
    OTHER = "other", _("Other")


class SupportGroupMember(TenantModel):
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="support_group")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stakeholder_type = models.CharField(_("stakeholder type"), max_length=30, choices=StakeholderType.choices)
    role = models.CharField(_("role in the group"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    consent_given_on = models.DateField(
        _("consent given on"), help_text=_("The date the person agreed that their data is stored here.")
    )

    class Meta:
        verbose_name = _("support group member")
        verbose_name_plural = _("support group members")
        ordering = ["name"]
        constraints = [SameNetwork("city")]

    def __str__(self):
        return self.name
