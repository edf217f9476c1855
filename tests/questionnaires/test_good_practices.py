from django.urls import reverse
from django_scopes import scope

from programmes.questionnaires.good_practices import services as good_practices
from programmes.questionnaires.models import GoodPractice
from tests.factories import BenchmarkFactory, CityFactory, KeyFactorFactory, MembershipFactory, UserFactory


def _url(name, **kwargs):
    return reverse(name, kwargs={"network": "network-a", **kwargs})


def test_member_describes_a_practice_linked_to_a_key_factor_and_finds_it(client, network_a, member_a):
    schaerbeek = CityFactory(network=network_a, name="Schaerbeek", country="BE")
    factor = KeyFactorFactory(network=network_a, benchmark=BenchmarkFactory(network=network_a, status="published"),
                              number=8, title="Volunteering")
    client.force_login(member_a)
    response = client.post(_url("good_practice_create"), {
        "title": "Volunteering platform (CAMIM)", "city": schaerbeek.pk, "policy_area": "Language learning",
        "description": "Volunteers offer **conversation** tables. <script>alert(1)</script>",
        "key_factors": [factor.pk],
    }, follow=True)
    page = response.content.decode()
    assert "The good practice was saved." in page
    assert "8. Volunteering" in page
    assert "<strong>conversation</strong>" in page
    assert "<script>alert(1)</script>" not in page
    for criteria in ({"q": "camim"}, {"policy_area": "Language learning"}, {"city": schaerbeek.pk},
                     {"key_factor": factor.pk}):
        assert "Volunteering platform (CAMIM)" in client.get(_url("good_practice_list"), criteria).content.decode()
    assert "No good practice matches" in client.get(_url("good_practice_list"), {"q": "housing"}).content.decode()


def test_only_the_author_or_a_coordinator_changes_a_practice(client, network_a, member_a):
    author = UserFactory()
    MembershipFactory(network=network_a, user=author)
    with scope(network=network_a):
        practice = GoodPractice.objects.create(network=network_a, title="Buddy scheme", policy_area="Inclusion",
                                               created_by=author)
    client.force_login(member_a)
    assert client.get(_url("good_practice_detail", pk=practice.pk)).status_code == 200
    assert client.get(_url("good_practice_edit", pk=practice.pk)).status_code == 403
    client.force_login(author)
    assert client.get(_url("good_practice_edit", pk=practice.pk)).status_code == 200


def test_library_queries_stay_constant(client, network_a, member_a, django_assert_max_num_queries):
    cities = [CityFactory(network=network_a) for _ in range(5)]
    with scope(network=network_a):
        for index in range(40):
            GoodPractice.objects.create(network=network_a, title=f"Practice {index}", policy_area=f"Area {index % 4}",
                                        city=cities[index % 5])
    client.force_login(member_a)
    with django_assert_max_num_queries(12):
        assert "Practice 39" in client.get(_url("good_practice_list")).content.decode()


def test_a_practice_is_saved_from_values_alone_and_keeps_its_key_factors(network_a, member_a):
    factor = KeyFactorFactory(network=network_a, benchmark=BenchmarkFactory(network=network_a, status="published"))
    with scope(network=network_a):
        practice = good_practices.save_practice(network_a, key_factors=[factor], by=member_a,
                                                title="Buddy scheme", policy_area="Inclusion")
        good_practices.save_practice(network_a, practice=practice, by=member_a, title="Buddy scheme for newcomers")
        practice.refresh_from_db()
        assert (practice.title, practice.created_by, list(practice.key_factors.all())) == (
            "Buddy scheme for newcomers", member_a, [factor])
        good_practices.save_practice(network_a, practice=practice, key_factors=[], by=member_a)
        assert not practice.key_factors.exists()
