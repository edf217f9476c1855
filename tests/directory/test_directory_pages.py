from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scope

from programmes.directory import services
from programmes.directory.models import Association, City, CityRepresentative, ContactPerson
from programmes.tenancy.models import AuditEntry
from tests.factories import AssociationFactory, CityFactory, ContactPersonFactory, MembershipFactory, UserFactory


@pytest.fixture
def coordinator_a(network_a):
    user = UserFactory(email="coordinator@a.example")
    MembershipFactory(network=network_a, user=user, role="coordinator")
    return user


def _url(name, **kwargs):
    return reverse(name, kwargs={"network": "network-a", **kwargs})


def test_coordinator_adds_an_association_and_a_city(client, network_a, coordinator_a):
    client.force_login(coordinator_a)
    response = client.post(_url("directory_association_new"), {
        "name": "Associazione Italiana per il CCRE", "acronym": "AICCRE", "country": "IT", "website": "https://www.aiccre.it",
    }, follow=True)
    assert "was saved" in response.content.decode()
    with scope(network=network_a):
        association = Association.objects.get(acronym="AICCRE")
    response = client.post(_url("directory_city_new"), {
        "name": "Capaci", "country": "IT", "association": association.pk, "population": "11000",
        "migrant_residents": "400", "migrant_share": "3.6", "main_nationalities": "Tunisian, Romanian",
        "governance_level": "municipality", "competences": "Reception centres are run by the region.",
        "languages": "Italian",
    }, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0].startswith("/network-a/directory/cities/")
    assert "Capaci" in page
    assert "Tunisian, Romanian" in page
    assert "3.6 %" in page
    association_page = client.get(_url("directory_association", pk=association.pk)).content.decode()
    assert "Capaci" in association_page


def test_lists_are_searchable_and_filterable_by_country(client, network_a, member_a):
    CityFactory(network=network_a, name="Mechelen", country="BE")
    CityFactory(network=network_a, name="Schaerbeek", country="BE")
    CityFactory(network=network_a, name="Jelgava", country="LV")
    client.force_login(member_a)
    page = client.get(_url("directory_cities"), {"country": "BE"}).content.decode()
    assert "Mechelen" in page
    assert "Schaerbeek" in page
    assert "Jelgava" not in page
    page = client.get(_url("directory_cities"), {"q": "jelg"}).content.decode()
    assert "Jelgava" in page
    assert "Mechelen" not in page
    assert '<option value="LV">Latvia</option>' in page  # only countries in the list are offered


def test_city_of_another_network_cannot_be_linked(client, network_a, network_b, coordinator_a):
    foreign = AssociationFactory(network=network_b, name="Foreign association")
    client.force_login(coordinator_a)
    response = client.post(_url("directory_city_new"), {
        "name": "Capaci", "country": "IT", "association": foreign.pk, "governance_level": "municipality",
    })
    assert response.status_code == 400
    page = response.content.decode()
    assert "Select a valid choice" in page
    assert 'value="Capaci"' in page  # what was typed is kept
    assert "Foreign association" not in page


def test_duplicate_and_impossible_figures_are_explained(client, network_a, coordinator_a):
    CityFactory(network=network_a, name="Capaci", country="IT")
    client.force_login(coordinator_a)
    response = client.post(_url("directory_city_new"), {
        "name": "Capaci", "country": "IT", "governance_level": "municipality", "population": "100",
        "migrant_residents": "500", "migrant_share": "140",
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert "This is more than the whole population." in page
    assert "between 0 and 100" in page
    response = client.post(_url("directory_city_new"), {"name": "Capaci", "country": "IT", "governance_level": "municipality"})
    assert "A city with this name and country is already in the directory." in response.content.decode()


def test_association_with_cities_cannot_be_deleted(client, network_a, coordinator_a):
    association = AssociationFactory(network=network_a)
    CityFactory(network=network_a, association=association)
    client.force_login(coordinator_a)
    response = client.post(_url("directory_association_delete", pk=association.pk), follow=True)
    assert "give them another association first" in response.content.decode()
    with scope(network=network_a):
        assert Association.objects.filter(pk=association.pk).exists()


def test_contact_people_are_added_edited_and_deleted(client, network_a, coordinator_a):
    city = CityFactory(network=network_a)
    client.force_login(coordinator_a)
    response = client.post(_url("directory_city_contact_new", pk=city.pk),
                           {"name": "Giulia Verdi", "position": "Integration officer", "email": "giulia@capaci.example"},
                           follow=True)
    assert "Giulia Verdi" in response.content.decode()
    with scope(network=network_a):
        contact = city.contacts.get()
    client.post(_url("directory_contact_edit", pk=contact.pk), {"name": "Giulia Verdi", "phone": "+39 091 000"})
    assert "+39 091 000" in client.get(_url("directory_city", pk=city.pk)).content.decode()
    client.post(_url("directory_contact_delete", pk=contact.pk))
    with scope(network=network_a):
        assert not city.contacts.exists()


def test_members_read_the_directory_but_only_coordinators_change_it(client, network_a, member_a):
    city = CityFactory(network=network_a)
    client.force_login(member_a)
    page = client.get(_url("directory_city", pk=city.pk)).content.decode()
    assert city.name in page
    assert "Edit" not in page
    assert client.get(_url("directory_city_edit", pk=city.pk)).status_code == 403
    assert client.post(_url("directory_city_delete", pk=city.pk)).status_code == 403


def test_directory_pages_use_a_constant_number_of_queries(client, network_a, coordinator_a, django_assert_max_num_queries):
    associations = [AssociationFactory(network=network_a) for _ in range(10)]
    for index in range(60):
        city = CityFactory(network=network_a, association=associations[index % 10], country=["IT", "BE", "LV"][index % 3])
        ContactPersonFactory(network=network_a, city=city)
    for association in associations:
        ContactPersonFactory(network=network_a, association=association)
    for _ in range(5):
        user = UserFactory()
        MembershipFactory(network=network_a, user=user)
        CityRepresentative.objects.create(network=network_a, city=city, user=user)
    client.force_login(coordinator_a)
    for url in (_url("directory_cities"), _url("directory_associations"),
                _url("directory_association", pk=associations[0].pk),
                _url("directory_city", pk=city.pk), _url("directory_city_edit", pk=city.pk)):
        # 12: the city page also lists the people who speak for the city and the members to add;
        # 13 with the bell's unread count, on every network page.
        with django_assert_max_num_queries(13):
            assert client.get(url).status_code == 200


def test_entries_are_saved_from_values_alone_and_the_audit_names_what_changed(network_a, coordinator_a):
    with scope(network=network_a):
        association = services.save_entry(Association(), network=network_a, by=coordinator_a,
                                          name="Associazione Italiana per il CCRE", acronym="AICCRE", country="IT")
        city = services.save_entry(City(), network=network_a, by=coordinator_a, name="Capaci", country="IT",
                                   association=association, population=11000)
        services.save_entry(city, network=network_a, by=coordinator_a, name="Capaci", country="IT",
                            association=association, population=11500, migrant_share=Decimal("3.6"))
        contact = services.save_entry(ContactPerson(city=city), network=network_a, by=coordinator_a, name="Pia")
        entries = [(e.action, e.data["fields"]) for e in AuditEntry.objects.order_by("pk")]
        city.refresh_from_db()
    assert (city.population, city.migrant_share, contact.organisation) == (11500, Decimal("3.60"), city)
    assert entries == [
        ("association.created", ["acronym", "country", "name"]),
        ("city.created", ["association", "country", "name", "population"]),
        ("city.changed", ["migrant_share", "population"]),
        ("contactperson.created", ["name"]),
    ]


def test_the_city_page_audits_only_what_was_changed(client, network_a, coordinator_a):
    city = CityFactory(network=network_a, name="Capaci", country="IT", population=11000, migrant_share=Decimal("3.60"))
    client.force_login(coordinator_a)
    client.post(_url("directory_city_edit", pk=city.pk), {
        "name": "Capaci", "country": "IT", "population": "11000", "migrant_share": "3.6",
        "governance_level": "municipality", "languages": "Italian",
    })
    with scope(network=network_a):
        assert AuditEntry.objects.get(action="city.changed").data["fields"] == ["languages"]
