"""Demo data for development: two networks, so that isolation is visible, and a login per role.

Idempotent: running it again changes nothing. Refused in production (see the command).
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django_scopes import scope

from .models import Membership, Network, Role

DEMO_PASSWORD = "mentoring-demo-2026"

DEMO_NETWORKS = [
    ("inclucities", "IncluCities (CEMR)", ["en", "it"]),
    ("demo-associations", "Demo Network of Associations", ["en", "it"]),
]

# (e-mail, full name, language, {network slug: role})
DEMO_PEOPLE = [
    ("admin@inclucities.example", "Anna Admin", "en", {"inclucities": Role.ADMIN}),
    ("coordinator@inclucities.example", "Carla Coordinatrice", "it",
     {"inclucities": Role.COORDINATOR, "demo-associations": Role.MEMBER}),
    ("facilitator@inclucities.example", "Fabio Facilitator", "en", {"inclucities": Role.FACILITATOR}),
    ("member@inclucities.example", "Marta Member", "en", {"inclucities": Role.MEMBER}),
    ("admin@associations.example", "Alex Admin", "en", {"demo-associations": Role.ADMIN}),
    ("coordinator@associations.example", "Chris Coordinator", "en", {"demo-associations": Role.COORDINATOR}),
    ("facilitator@associations.example", "Fran Facilitator", "en", {"demo-associations": Role.FACILITATOR}),
    ("member@associations.example", "Max Member", "en", {"demo-associations": Role.MEMBER}),
]

OPERATOR = ("operator@example.org", "Site Operator")


def demo_user(email, full_name, language="", **extra):
    """A demo account with the demo password and a verified address (created once)."""
    user, created = get_user_model().objects.get_or_create(email=email, defaults={"full_name": full_name, "language": language, **extra})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


@transaction.atomic
def seed_demo():
    """Create the demo networks and people; return (networks by slug, [(email, description)])."""
    networks = {}
    for slug, name, languages in DEMO_NETWORKS:
        networks[slug], _ = Network.objects.get_or_create(slug=slug, defaults={"name": name, "languages": languages})
    logins = []
    for email, full_name, language, roles in DEMO_PEOPLE:
        user = demo_user(email, full_name, language)
        for slug, role in roles.items():
            with scope(network=networks[slug]):
                Membership.objects.get_or_create(network=networks[slug], user=user, defaults={"role": role})
        logins.append((email, ", ".join(f"{Role(role).label} of {networks[slug].name}" for slug, role in roles.items())))
    demo_user(*OPERATOR, is_staff=True, is_superuser=True)
    logins.append((OPERATOR[0], "site operator (staff administration, development mailbox)"))
    return networks, logins
