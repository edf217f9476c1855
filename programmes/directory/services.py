"""Every change to the directory, with an audit entry each."""

from django.db import transaction
from django.db.models import ProtectedError

from programmes.tenancy.services import audit

from .errors import AssociationInUseError, CityInUseError


@transaction.atomic
def save_entry(form, *, network, by):
    """Create or update an association, a city or a contact person from its validated form."""
    entry = form.save(commit=False)
    created = entry.pk is None
    entry.network = network
    entry.save()
    name = entry._meta.model_name
    audit(network, by=by, action=f"{name}.{'created' if created else 'changed'}", subject=str(entry),
          fields=sorted(form.changed_data))
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
