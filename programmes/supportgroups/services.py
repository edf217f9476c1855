"""Changes to a city's local support group, with the guide's rules."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from programmes.core.errors import DomainError
from programmes.core.values import assign
from programmes.directory.models import City
from programmes.tenancy.services import audit

from .models import MAX_MEMBERS, SupportGroupMember


class SupportGroupFullError(DomainError):
    message = _("A local support group has at most ten members (the guide's rule). Remove someone first.")


@transaction.atomic
def save_member(city, *, member=None, by, **values):
    """Add a member to `city`'s support group, or change `member`, with the fields in `values`.

    The person's consent is the form's to ask: only its date is stored (`consent_given_on`)."""
    if member is None:
        # Lock the city row so that two people adding at once cannot pass the limit together.
        City.objects.select_for_update().filter(pk=city.pk).first()
        if SupportGroupMember.objects.filter(city=city).count() >= MAX_MEMBERS:
            raise SupportGroupFullError()
        member = SupportGroupMember(network=city.network, city=city)
    assign(member, values)
    member.save()
    audit(member.network, by=by, action="support_group.member_saved", subject=member.name, city=member.city_id)
    return member


@transaction.atomic
def remove_member(member, *, by):
    audit(member.network, by=by, action="support_group.member_removed", subject=member.name, city=member.city_id)
    member.delete()
