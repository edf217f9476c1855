"""An id that no table can hold is a 404 (in the address) or an error beside the field (in a form),
never a server error. SQLite cannot even be asked about an integer beyond 64 bits (the driver
raises OverflowError), and Django only guards plain integer comparisons, not foreign keys or `in`
lookups; so the bound is applied where ids come in: the `<id:…>` path converter and the id
choice fields of programmes.core.ids.

Every URL pattern with an id argument is requested with each of its ids replaced by a huge one,
by GET and POST, as a superuser (who passes every permission, so the request goes as deep into
the view as it can)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from programmes.benchmarks.models import KeyFactor
from programmes.core.ids import MAX_ID, IdConverter, IdMultipleChoiceField
from tests.factories import UserFactory
from tests.isolation.test_every_url import TENANT_URLS, _all_patterns, objects_of_a  # noqa: F401 - a fixture

HUGE = "99999999999999999999"  # 20 digits: beyond any 64-bit integer
ID_ARGUMENT = re.compile(r"<(?:int|id):(\w+)>")


def _id_arguments():
    cases = []
    for route, name, _namespace, _callback in _all_patterns():
        for argument in ID_ARGUMENT.findall(route):
            cases.append((name, argument))
    return sorted(cases)


def _kwargs(name, objects):
    fills = TENANT_URLS[name] or {}
    if isinstance(fills, str):
        fills = {"pk": fills}
    return {"network": "network-a",
            **{argument: objects[key].pk if key in objects else key for argument, key in fills.items()}}


@pytest.fixture
def objects(objects_of_a):  # noqa: F811 - the fixture imported above
    """One object of network A for every kind of id in the URLs (tests/isolation builds them)."""
    return objects_of_a


@pytest.fixture
def superuser(network_a):
    return UserFactory(email="staff@example.org", is_staff=True, is_superuser=True)


def test_there_are_urls_with_ids_to_walk():
    assert len(_id_arguments()) > 80


def test_urls_take_ids_through_the_bounded_converter():
    """`<int:…>` lets any number of digits through to the database: new URLs use `<id:…>`."""
    assert not [route for route, *_rest in _all_patterns() if "<int:" in route]


def test_a_huge_id_in_the_address_is_a_404(client, objects, superuser):
    """One walk over every id argument of every URL, GET and POST (one set of objects for all)."""
    client.force_login(superuser)
    answers = {}
    for name, argument in _id_arguments():
        url = reverse(name, kwargs={**_kwargs(name, objects), argument: HUGE})
        for method in ("get", "post"):
            answers[f"{method.upper()} {name} with a huge {argument}"] = getattr(client, method)(url).status_code
    assert len(answers) > 160
    assert {request: status for request, status in answers.items() if status != 404} == {}


def test_the_largest_possible_id_still_reaches_the_view(client, objects, superuser):
    """The bound is the database's, not lower: a real id can be as large as 2**63 - 1."""
    client.force_login(superuser)
    url = reverse("self_assessment_rate", kwargs={**_kwargs("self_assessment_rate", objects),
                                                  "factor_pk": MAX_ID})
    assert client.get(url).status_code == 404  # no such key factor, asked of the database without error
    assert IdConverter().to_python(str(MAX_ID)) == MAX_ID
    with pytest.raises(ValueError, match="larger than any id"):
        IdConverter().to_python(str(MAX_ID + 1))


# Ids that come in the query string or the body rather than the address, read by the views
# themselves: (URL name, method, data).
IDS_IN_REQUESTS = [
    ("action_plan_compare", "get", {"from": HUGE, "to": HUGE}),
    ("needs_analysis_compare", "get", {"from": HUGE, "to": HUGE}),
    ("needs_analysis_comment", "post", {"parent": HUGE, "text": "A reply"}),
    ("action_plan_pdf", "post", {"version": HUGE}),
    ("action_edit", "post", {"action": "Buddy scheme", "version": HUGE}),
    ("visit_attendance", "post", {"attended": [HUGE]}),
    ("visit_participants", "post", {"user": [HUGE]}),
    ("directory_city_new", "get", {"association": HUGE}),
    ("visit_agenda_add", "post", {"title": "Welcome", "day": "1", "key_factors": [HUGE], "good_practices": [HUGE]}),
    ("mentorship_create", "post", {"title": "Capaci – Mechelen", "peer_cities": [HUGE]}),
    ("good_practice_create", "post", {"title": "Buddy scheme", "key_factors": [HUGE]}),
]


@pytest.mark.parametrize(("name", "method", "data"), IDS_IN_REQUESTS, ids=[case[0] for case in IDS_IN_REQUESTS])
def test_a_huge_id_in_a_request_is_not_a_server_error(client, objects, superuser, name, method, data):
    client.force_login(superuser)
    response = getattr(client, method)(reverse(name, kwargs=_kwargs(name, objects)), data)
    assert response.status_code < 500


@pytest.mark.parametrize("field", ["key_factors", "needs"])
def test_a_huge_id_among_an_actions_links_is_an_error_beside_the_field(client, network_a, objects, superuser,
                                                                      field):
    mentorship = objects["mentorship"]
    client.force_login(superuser)
    url = reverse("action_add", kwargs={"network": "network-a", "pk": mentorship.pk})
    response = client.post(url, {"action": "Language café", field: [HUGE]})
    assert response.status_code == 400
    form = response.context["add_form"] if "add_form" in response.context else response.context["form"]
    assert field in form.errors
    assert "Language café" in response.content.decode()
    with scopes_disabled():
        assert not mentorship.action_plan.actions.filter(action="Language café").exists()


@pytest.mark.parametrize("value", [HUGE, "-1", "0", "1e3", " 7", "", "٣"])
def test_the_id_field_refuses_what_cannot_be_an_id(network_a, value):
    with scopes_disabled():
        field = IdMultipleChoiceField(queryset=KeyFactor.objects.all(), required=True)
        with pytest.raises(ValidationError):
            field.clean([value])
