"""The action plan as its users see it: the mentee team edits rows inline, the others read and
comment, the coordinator records approval, everyone allowed exports it."""

import csv
import io
import re
from urllib.parse import urljoin

from django.urls import resolve, reverse
from django_scopes import scope
from openpyxl import load_workbook

from programmes.actionplans import services
from programmes.actionplans.models import ActionPlan

from .conftest import add, person


def _url(mentorship, name="action_plan", **kwargs):
    return reverse(name, kwargs={"network": "network-a", "pk": mentorship.pk, **kwargs})


def _row(**values):
    return {"action": "", "results": "", "starts": "", "ends": "", "timeline_note": "", "lead": "", "resources": "",
            "success_measure": "", **values}


def _prefixed(row, **values):
    return {f"action-{row.pk}-{name}": value for name, value in _row(**values).items()}


def test_the_mentee_team_adds_an_action_with_and_without_javascript(client, network_a, mentorship, mentee):
    client.force_login(mentee)
    reply = client.post(_url(mentorship, "action_add"), _row(action="Buddy scheme", starts="2026-09", ends="2027-06"))
    assert reply.status_code == 302
    reply = client.post(_url(mentorship, "action_add"), _row(action="Language café", timeline_note="Q3 2026"),
                        HTTP_HX_REQUEST="true")
    html = reply.content.decode()
    assert "<template><tbody id=\"actions-body\" hx-target=\"closest tr\" hx-swap=\"outerHTML\" hx-swap-oob=\"true\">" in html
    assert "Language café" in html
    assert "Add the action" in html
    page = client.get(_url(mentorship)).content.decode()
    assert "Buddy scheme" in page
    assert "September 2026 – June 2027" in page


def test_a_refused_row_keeps_what_was_typed(client, mentorship, mentee):
    client.force_login(mentee)
    reply = client.post(_url(mentorship, "action_add"), _row(action="", results="Newcomers feel at home",
                                                             starts="2026-09", ends="2026-03"))
    page = reply.content.decode()
    assert reply.status_code == 400
    assert "This field is required." in page
    assert "The end month cannot be before the start month." in page
    assert "Newcomers feel at home" in page


def test_inline_edit_and_the_conflict_of_two_editors(client, network_a, mentorship, mentee, plan):
    row = add(plan, "Buddy scheme")
    client.force_login(mentee)
    form = client.get(_url(mentorship, "action_edit", action_pk=row.pk), HTTP_HX_REQUEST="true").content.decode()
    assert form.startswith('<tr id="action-')
    assert 'name="version" value="1"' in form
    assert f'name="action-{row.pk}-lead"' in form  # unique field ids beside the add form
    reply = client.post(_url(mentorship, "action_edit", action_pk=row.pk),
                        {**_prefixed(row, action="Buddy scheme", lead="Social services"), "version": "1"},
                        HTTP_HX_REQUEST="true")
    assert "Social services" in reply.content.decode()
    assert 'hx-get="' in reply.content.decode()
    stale = client.post(_url(mentorship, "action_edit", action_pk=row.pk),
                        {**_prefixed(row, action="Buddy scheme", lead="Mayor's office"), "version": "1"})
    page = stale.content.decode()
    assert stale.status_code == 409
    assert "saved this action while you were editing it" in page
    assert "Social services" in page
    assert "Mayor&#x27;s office" in page


def test_moving_a_row_answers_with_the_new_order(client, mentorship, mentee, plan):
    add(plan, "First")
    second = add(plan, "Second")
    client.force_login(mentee)
    reply = client.post(_url(mentorship, "action_move", action_pk=second.pk, direction="up"), HTTP_HX_REQUEST="true")
    body = reply.content.decode()
    assert body.index("Second") < body.index("First")


def test_mentors_and_associations_read_and_comment_but_do_not_edit(client, network_a, mentorship, plan):
    row = add(plan, "Buddy scheme")
    for role in ("mentor_team", "mentee_association", "mentor_association"):
        reader = person(network_a, mentorship, role)
        client.force_login(reader)
        page = client.get(_url(mentorship)).content.decode()
        assert "Buddy scheme" in page
        assert "Add the action" not in page
        assert client.post(_url(mentorship, "action_add"), _row(action="Mine")).status_code == 403
        assert client.post(_url(mentorship, "action_comment", action_pk=row.pk),
                           {"text": f"A question from the {role}"}).status_code == 302
    page = client.get(_url(mentorship)).content.decode()
    assert "3 comments" in page
    assert "A question from the mentor_team" in page


def test_the_coordinator_records_the_approval(client, network_a, mentorship, mentee, plan):
    add(plan, "Buddy scheme")
    coordinator = person(network_a, mentorship, None, network_role="coordinator")
    client.force_login(mentee)
    client.post(_url(mentorship, "action_plan_transition", status="final"))
    client.force_login(coordinator)
    refused = client.post(_url(mentorship, "action_plan_transition", status="approved"),
                          {"approving_body": "", "approved_on": "", "approval_reference": ""})
    assert refused.status_code == 400
    assert "This field is required." in refused.content.decode()
    reply = client.post(_url(mentorship, "action_plan_transition", status="approved"),
                        {"approving_body": "City council", "approved_on": "2026-11-20",
                         "approval_reference": "45/2026"}, follow=True)
    assert "The plan is now “Approved”" in reply.content.decode()
    with scope(network=network_a):
        assert ActionPlan.objects.get(pk=plan.pk).approving_body == "City council"


def test_a_transition_not_allowed_is_refused_with_a_message(client, mentorship, mentee, plan):
    add(plan, "Buddy scheme")
    client.force_login(mentee)
    reply = client.post(_url(mentorship, "action_plan_transition", status="completed"), follow=True)
    assert "cannot become “Completed”" in reply.content.decode()


def test_the_page_with_100_rows_reads_a_fixed_number_of_queries(client, network_a, mentorship, mentee, plan,
                                                                django_assert_max_num_queries):
    for number in range(100):
        row = add(plan, f"Action {number}", lead="Social services")
        with scope(network=network_a):
            services.comment(row, text="Which budget?", by=mentee)
    client.force_login(mentee)
    with django_assert_max_num_queries(20):
        page = client.get(_url(mentorship)).content.decode()
    assert "Action 99" in page


def test_exports_have_one_row_per_action_with_the_header(client, network_a, mentorship, mentee, plan):
    add(plan, "Δημιουργία γραφείου υποδοχής", lead="Δήμος Λεβαδέων")
    add(plan, "Valodu kafejnīca", lead="Jelgavas pilsēta")
    client.force_login(mentee)
    text = client.get(_url(mentorship, "action_plan_export", fmt="csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["Programme", "Mentorship", "Mentee city"]
    assert len(rows) == 3
    assert rows[1][2] == "Levadia"
    assert rows[1][3] == "Jelgava"
    assert rows[1][7] == "Δημιουργία γραφείου υποδοχής"
    workbook = load_workbook(io.BytesIO(client.get(_url(mentorship, "action_plan_export", fmt="xlsx")).content))
    assert workbook.active["H3"].value == "Valodu kafejnīca"
    assert client.get(_url(mentorship, "action_plan_export", fmt="pdf")).status_code == 404


def test_members_without_a_part_see_nothing(client, network_a, mentorship, plan):
    add(plan, "Buddy scheme")
    client.force_login(person(network_a, mentorship, None))
    assert client.get(_url(mentorship)).status_code == 403
    assert client.get(_url(mentorship, "action_plan_export", fmt="csv")).status_code == 403


def test_every_row_control_points_at_its_own_view(client, network_a, mentorship, mentee, plan):
    """Rows build their links from one prefix, relative to the plan page (one reverse() per page,
    not five per row), and so do the move and remove buttons of a row's inline form: each link and
    button must still reach the view it names, for its own row."""

    first, second = add(plan, "Buddy scheme"), add(plan, "Language café")
    client.force_login(mentee)
    page = client.get(_url(mentorship)).content.decode()
    inline_forms = "".join(
        client.get(_url(mentorship, "action_edit", action_pk=row.pk), HTTP_HX_REQUEST="true",
                   HTTP_HX_CURRENT_URL="http://testserver" + _url(mentorship)).content.decode()
        for row in (first, second))
    targets = {urljoin(_url(mentorship), target)
               for target in re.findall(r'(?:href|action|formaction|hx-get|hx-post)="([^"]*actions/\d+/[^"]*)"',
                                        page + inline_forms)}
    resolved = {(match.url_name, match.kwargs["action_pk"], match.kwargs.get("direction"))
                for match in map(resolve, targets)}
    for row in (first, second):
        assert {("action_edit", row.pk, None), ("action_delete", row.pk, None),
                ("action_comment", row.pk, None)} <= resolved
    assert ("action_move", first.pk, "down") in resolved
    assert ("action_move", second.pk, "up") in resolved
    assert ("action_move", first.pk, "up") not in resolved
    assert ("action_move", second.pk, "down") not in resolved
    assert all(match.kwargs["network"] == "network-a" and match.kwargs["pk"] == mentorship.pk
               for match in map(resolve, targets))
