"""factory-boy factories. They write with scopes disabled, like fixtures in pretix's tests."""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from django_scopes import scopes_disabled

from programmes.accounts.models import User
from programmes.mentorships.models import MentorshipCity
from programmes.tenancy.models import Invitation, Membership, Network, TenantModel

PASSWORD = "a-long-test-password"
IN_PARENTS_NETWORK = factory.SelfAttribute("..network")


class UnscopedFactory(factory.django.DjangoModelFactory):
    """Writes with scopes disabled, and keeps a row in its parent's network: given a parent
    (`KeyFactorFactory(benchmark=b)`) the row takes the parent's network; given only a network,
    the parents it makes are made in that network (their SubFactories pass `..network` down)."""

    class Meta:
        abstract = True

    @classmethod
    def _generate(cls, strategy, params):
        if "network" not in params:
            parent = next((value for value in params.values() if isinstance(value, TenantModel)), None)
            if parent is not None:
                params = {**params, "network": parent.network}
        return super()._generate(strategy, params)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class NetworkFactory(UnscopedFactory):
    class Meta:
        model = Network

    slug = factory.Sequence(lambda n: f"network-{n}")
    name = factory.Sequence(lambda n: f"Network {n}")
    languages = ["en", "it"]


class UserFactory(UnscopedFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class MembershipFactory(UnscopedFactory):
    class Meta:
        model = Membership

    network = factory.SubFactory(NetworkFactory)
    user = factory.SubFactory(UserFactory)
    role = "member"


def make_invitation(network, email="invitee@example.org", role="member", *, expires_in_days=14, language="en", **extra):
    """An invitation and its secret token, as the e-mail would carry it."""
    invitation = Invitation(
        network=network,
        email=email,
        role=role,
        language=language,
        expires_at=timezone.now() + timedelta(days=expires_in_days),
        **extra,
    )
    token = invitation.new_token()
    with scopes_disabled():
        invitation.save()
    return invitation, token


class AssociationFactory(UnscopedFactory):
    class Meta:
        model = "directory.Association"

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Association of Local Governments {n}")
    acronym = factory.Sequence(lambda n: f"ALG{n}")
    country = "IT"


class CityFactory(UnscopedFactory):
    class Meta:
        model = "directory.City"

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"City {n}")
    country = "IT"
    population = 50_000


class ContactPersonFactory(UnscopedFactory):
    class Meta:
        model = "directory.ContactPerson"

    network = factory.SubFactory(NetworkFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")


class ProgrammeFactory(UnscopedFactory):
    class Meta:
        model = "mentorships.Programme"

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Programme {n}")
    theme = "Integration of migrants"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=500))
    status = "running"


class MilestoneFactory(UnscopedFactory):
    class Meta:
        model = "mentorships.Milestone"

    network = factory.SubFactory(NetworkFactory)
    programme = factory.SubFactory(ProgrammeFactory, network=IN_PARENTS_NETWORK)
    kind = "matching"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class MentorshipFactory(UnscopedFactory):
    """A mentorship; pass mentee= and mentor= cities (or peers=[...]) to place them."""

    class Meta:
        model = "mentorships.Mentorship"

    network = factory.SubFactory(NetworkFactory)
    programme = factory.SubFactory(ProgrammeFactory, network=IN_PARENTS_NETWORK)
    title = factory.Sequence(lambda n: f"Mentorship {n}")

    @classmethod
    def _create(cls, model_class, *args, mentee=None, mentor=None, peers=(), **kwargs):
        mentorship = super()._create(model_class, *args, **kwargs)
        with scopes_disabled():
            for side, city in [("mentee", mentee), ("mentor", mentor)] + [("peer", c) for c in peers]:
                if city is not None:
                    MentorshipCity.objects.create(network=mentorship.network, mentorship=mentorship, city=city,
                                                  association=city.association, side=side)
        return mentorship


class ParticipantFactory(UnscopedFactory):
    class Meta:
        model = "mentorships.Participant"

    network = factory.SubFactory(NetworkFactory)
    mentorship = factory.SubFactory(MentorshipFactory, network=IN_PARENTS_NETWORK)
    user = factory.SubFactory(UserFactory)
    role = "mentee_team"


class ProgrammeFacilitatorFactory(UnscopedFactory):
    class Meta:
        model = "mentorships.ProgrammeFacilitator"

    network = factory.SubFactory(NetworkFactory)
    programme = factory.SubFactory(ProgrammeFactory, network=IN_PARENTS_NETWORK)
    user = factory.SubFactory(UserFactory)


class BenchmarkFactory(UnscopedFactory):
    class Meta:
        model = "benchmarks.Benchmark"

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Benchmark {n}")
    policy_area = "Language learning"


class KeyFactorFactory(UnscopedFactory):
    class Meta:
        model = "benchmarks.KeyFactor"

    network = factory.SubFactory(NetworkFactory)
    benchmark = factory.SubFactory(BenchmarkFactory, network=IN_PARENTS_NETWORK)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Key factor {n + 1}")
    rationale = "Why it matters."


class ContextFactorFactory(UnscopedFactory):
    class Meta:
        model = "benchmarks.ContextFactor"

    network = factory.SubFactory(NetworkFactory)
    benchmark = factory.SubFactory(BenchmarkFactory, network=IN_PARENTS_NETWORK)
    title = "National law"
