from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from programmes.supportgroups import services
from programmes.supportgroups.models import SupportGroupMember
from tests.factories import (
    CityFactory,
    MembershipFactory,
    MentorshipFactory,
    ParticipantFactory,
    ProgrammeFactory,
    UserFactory,
)


@pytest.fixture
def setting(network_a):
    capaci = CityFactory(network=network_a, name="Capaci")
    programme = ProgrammeFactory(network=network_a)
    mentorship = MentorshipFactory(network=network_a, programme=programme, title="Capaci – Mechelen", mentee=capaci,
                                   mentor=CityFactory(network=network_a, name="Mechelen"))
    mentee, mentor = UserFactory(), UserFactory()
    for user, role in ((mentee, "mentee_team"), (mentor, "mentor_team")):
        MembershipFactory(network=network_a, user=user)
        ParticipantFactory(network=network_a, mentorship=mentorship, user=user, role=role)
    coordinator = UserFactory()
    MembershipFactory(network=network_a, user=coordinator, role="coordinator")
    return {"city": capaci, "programme": programme, "mentee": mentee, "mentor": mentor, "coordinator": coordinator}


def _member(**data):
    return {"name": "Amina B.", "organisation": "Migrant council", "stakeholder_type": "migrant_representative",
            "role": "Chair", "email": "", "phone": "", "consent": "on",
            "consent_given_on": timezone.localdate().isoformat(), **data}


def _url(city, name="support_group", **kwargs):
    return reverse(name, kwargs={"network": "network-a", "pk": city.pk, **kwargs})


def test_mentee_team_keeps_the_group_and_the_warning_goes_away(client, network_a, setting):
    city = setting["city"]
    client.force_login(setting["mentee"])
    page = client.get(_url(city)).content.decode()
    assert "no migrant representative yet" in page
    response = client.post(_url(city), _member(stakeholder_type="civil_society", name="Luca"), follow=True)
    assert "Luca was saved" in response.content.decode()
    assert "no migrant representative yet" in response.content.decode()
    client.force_login(setting["coordinator"])
    dashboard = client.get(reverse("programme_detail", kwargs={"network": "network-a", "pk": setting["programme"].pk}))
    assert "Support group: no migrant representative yet" in dashboard.content.decode()
    client.post(_url(city), _member())
    dashboard = client.get(reverse("programme_detail", kwargs={"network": "network-a", "pk": setting["programme"].pk}))
    assert "Support group: no migrant representative yet" not in dashboard.content.decode()


def test_an_eleventh_member_is_refused_and_the_form_keeps_its_text(client, network_a, setting):
    city = setting["city"]
    with scope(network=network_a):
        for index in range(10):
            SupportGroupMember.objects.create(network=network_a, city=city, name=f"Member {index}",
                                              stakeholder_type="other", consent_given_on=timezone.localdate())
    client.force_login(setting["mentee"])
    response = client.post(_url(city), _member(name="Eleventh Person"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "at most ten members" in page
    assert 'value="Eleventh Person"' in page


def test_consent_is_required_and_not_in_the_future(client, network_a, setting):
    client.force_login(setting["mentee"])
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(_url(setting["city"]), _member(consent="", consent_given_on=tomorrow))
    page = response.content.decode()
    assert "This field is required." in page
    assert "cannot be in the future" in page


def test_script_in_a_name_is_shown_as_text(client, network_a, setting):
    client.force_login(setting["mentee"])
    client.post(_url(setting["city"]), _member(name="<script>alert(1)</script>"))
    page = client.get(_url(setting["city"])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_mentor_team_cannot_see_the_personal_data(client, network_a, setting):
    client.force_login(setting["mentor"])
    assert client.get(_url(setting["city"])).status_code == 403


def test_members_are_saved_from_values_alone_and_the_eleventh_is_refused(network_a, setting):
    city, today = setting["city"], timezone.localdate()
    with scope(network=network_a):
        amina = services.save_member(city, by=setting["mentee"], name="Amina B.",
                                     stakeholder_type="migrant_representative", consent_given_on=today)
        services.save_member(city, member=amina, by=setting["mentee"], role="Chair")
        for index in range(9):
            services.save_member(city, by=setting["mentee"], name=f"Member {index}", stakeholder_type="other",
                                 consent_given_on=today)
        with pytest.raises(services.SupportGroupFullError):
            services.save_member(city, by=setting["mentee"], name="Eleventh", stakeholder_type="other",
                                 consent_given_on=today)
        amina.refresh_from_db()
        assert (amina.city, amina.network, amina.role) == (city, network_a, "Chair")
        assert SupportGroupMember.objects.filter(city=city).count() == 10
