"""The dashboard's rows, made in Python (overview/display.py): what a coordinator reads in each."""

from django.urls import reverse
from django_scopes import scopes_disabled

from programmes.mentorships.models import MentorshipCity
from tests.factories import CityFactory, MentorshipFactory


def _dashboard(client, user, programme):
    client.force_login(user)
    return client.get(reverse("programme_detail", kwargs={"network": "network-a", "pk": programme.pk})).content.decode()


def test_typed_markup_in_titles_and_city_names_is_shown_as_text(client, network_a, coordinator_a, programme, capaci):
    hostile = CityFactory(network=network_a, name='<img src=x onerror="alert(1)">', association=capaci.association)
    MentorshipFactory(network=network_a, programme=programme, title="<script>alert('t')</script> & co",
                      mentee=hostile, mentor=capaci)
    page = _dashboard(client, coordinator_a, programme)
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt; &amp; co" in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page


def test_a_second_mentor_city_is_listed_apart_with_its_association(client, network_a, coordinator_a, programme,
                                                                    mentorship, capaci, mechelen):
    """Each city with the short name of its association, cities separated by a comma (the row
    template ran two cities together as "MechelenBruges")."""
    bruges = CityFactory(network=network_a, name="Bruges", association=mechelen.association)
    with scopes_disabled():
        MentorshipCity.objects.create(network=network_a, mentorship=mentorship, city=bruges,
                                      association=bruges.association, side="mentor")
    page = _dashboard(client, coordinator_a, programme)
    short = mechelen.association.short_name
    assert (f'Mechelen <span class="text-muted">({short})</span>, Bruges <span class="text-muted">({short})</span>'
            in page)


def test_a_mentee_city_without_a_migrant_representative_is_flagged(client, network_a, coordinator_a, programme,
                                                                  mentorship):
    page = _dashboard(client, coordinator_a, programme)
    assert "Support group: no migrant representative yet" in page
