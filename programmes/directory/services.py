"""Every change to the directory, with an audit entry each."""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext_lazy as _

from programmes.core.errors import DomainError
from programmes.core.values import assign
from programmes.tenancy.services import audit

from .errors import AssociationInUseError, CityInUseError
from .models import CityRepresentative


@transaction.atomic
def save_entry(entry, *, network, by, **values):
    """Create or update an association, a city or a contact person: `entry` is the row as stored, or
    a new one (`Association()`, `ContactPerson(city=…)`), and `values` its fields as the form
    validates them. The audit entry names the fields whose value changed."""
    created = entry.pk is None
    entry.network = network
    changed = assign(entry, values)
    entry.save()
    name = entry._meta.model_name
    audit(network, by=by, action=f"{name}.{'created' if created else 'changed'}", subject=str(entry), fields=changed)
    return entry


@transaction.atomic
def delete_association(association, *, by):
    if association.cities.exists():
        raise AssociationInUseError()
    audit(association.network, by=by, action="association.deleted", subject=str(association))
    association.delete()


@transaction.atomic
def delete_city(city, *, by):
    try:
        with transaction.atomic():
            city.delete()
    except ProtectedError as error:
        raise CityInUseError() from error
    audit(city.network, by=by, action="city.deleted", subject=str(city))


@transaction.atomic
def delete_contact(contact, *, by):
    audit(contact.network, by=by, action="contactperson.deleted", subject=str(contact))
    contact.delete()


class RepresentativeAlreadyNamedError(DomainError):
    message = _("This person already speaks for the city.")


@transaction.atomic
def add_representative(city, *, user, speaks_for, by):
    if CityRepresentative.objects.filter(city=city, user=user).exists():
        raise RepresentativeAlreadyNamedError()
    representative = CityRepresentative.objects.create(network=city.network, city=city, user=user,
                                                       speaks_for=speaks_for)
    audit(city.network, by=by, action="city.representative_added", subject=f"{user} – {city}")
    return representative


@transaction.atomic
def remove_representative(representative, *, by):
    audit(representative.network, by=by, action="city.representative_removed", subject=str(representative))
    representative.delete()
