"""The people of the role matrix: one of each kind a network has, around network A's mentorship.

The objects come from the isolation test (`objects_of_a`): a programme with a mentorship whose
mentee city is `city`, its visits, plan, questionnaires and support group. The actors below are
added around it; "other pair" takes part in a second mentorship of the same programme.
"""

from django_scopes import scope, scopes_disabled

from programmes.actionplans.services import add_action
from programmes.benchmarks.models import ContextWeight, SelfAssessment
from programmes.mentorships.models import Mentorship, Participant, Programme
from programmes.questionnaires.models import Question
from programmes.questionnaires.services import save_answer
from programmes.reports import storage
from programmes.visits.services import invite
from tests.factories import (
    AssociationFactory,
    BenchmarkFactory,
    CityFactory,
    ContextFactorFactory,
    KeyFactorFactory,
    MembershipFactory,
    MentorshipFactory,
    ParticipantFactory,
    ProgrammeFacilitatorFactory,
    UserFactory,
)
from tests.history import change_every_field
from tests.notifications.helpers import notification_for

# The columns of the matrix, in order. Anonymous visitors and the admin of another network are
# not columns: they get the same answer on every URL (sign in; 404), asserted for every row.
COLUMNS = (
    "member",  # a network member with no part in the programme
    "coordinator",
    "admin",
    "facilitator",  # attached to the programme
    "facilitator elsewhere",  # a network facilitator not attached to it
    "former facilitator",  # attached, then moved down to member
    "mentee team",  # leads the mentorship
    "mentor team",
    "mentee association",
    "mentor association",
    "support group",
    "observer",
    "other pair",  # mentee team of another mentorship of the same programme
)

PROGRAMME_ROLES = {
    "mentee team": "mentee_team",
    "mentor team": "mentor_team",
    "mentee association": "mentee_association",
    "mentor association": "mentor_association",
    "support group": "support_group",
    "observer": "observer",
}

NETWORK_ROLES = {
    "member": "member",
    "coordinator": "coordinator",
    "admin": "admin",
    "facilitator": "facilitator",
    "facilitator elsewhere": "facilitator",
    "former facilitator": "member",
}


def make_actors(network, objects):
    """{column: user} for every column, each a member of `network` in the role the column names."""
    programme, mentorship = objects["programme"], objects["mentorship"]
    actors = {}
    with scopes_disabled():
        for column in COLUMNS:
            user = UserFactory(email=f"{column.replace(' ', '-')}@matrix.example")
            MembershipFactory(network=network, user=user, role=NETWORK_ROLES.get(column, "member"))
            actors[column] = user
            if column in PROGRAMME_ROLES:
                ParticipantFactory(network=network, mentorship=mentorship, user=user, role=PROGRAMME_ROLES[column],
                                   is_lead=column == "mentee team")
        for column in ("facilitator", "former facilitator"):
            ProgrammeFacilitatorFactory(network=network, programme=programme, user=actors[column])
        other_pair = MentorshipFactory(network=network, programme=programme, title="Another pair",
                                       mentee=CityFactory(network=network), mentor=CityFactory(network=network))
        ParticipantFactory(network=network, mentorship=other_pair, user=actors["other pair"], role="mentee_team",
                           is_lead=True)
    with scope(network=network):  # a second row, so that the first can move down
        add_action(objects["action"].plan, values={"action": "A welcome desk"}, by=None)
    return actors


def matrix_objects(network, objects, actors):
    """Objects beside the isolation test's, so that an allowed action has something to change:
    a draft benchmark (the programme's is published, hence frozen), a city and an association
    that nothing uses (those in use cannot be deleted), saved answers (an empty response has
    nothing to submit) and the teams invited to the visit and the training (attendance is
    recorded for those invited), a context factor to weigh in the self-assessment, and a
    change of every tracked field of the programme, the mentorship and a participant."""
    with scopes_disabled():
        draft = BenchmarkFactory(network=network, status="draft", title="A draft benchmark")
        first, _second = KeyFactorFactory.create_batch(2, network=network, benchmark=draft)
        spare_association = AssociationFactory(network=network, acronym="SPARE")
        spare_city = CityFactory(network=network, name="Spare city", association=None)
        extra = {
            "draft_benchmark": draft, "draft_key_factor": first,
            "draft_context_factor": ContextFactorFactory(network=network, benchmark=draft),
            "spare_association": spare_association, "spare_city": spare_city,
            "context_weight": ContextWeight.objects.create(
                network=network, context_factor=objects["context_factor"],
                self_assessment=SelfAssessment.objects.get(mentorship=objects["mentorship"], round="initial")),
        }
        # Every tracked field changed once, so that the history panels of the programme and
        # mentorship pages show a change of each (what decides who sees the programme stays).
        change_every_field(Programme.objects.get(pk=objects["programme"].pk),
                           keep={"status", "format", "uses_benchmark"})
        change_every_field(Mentorship.objects.get(pk=objects["mentorship"].pk))
        change_every_field(Participant.objects.get(pk=objects["participant"].pk), keep={"role"})
    with scope(network=network):
        for comment, question in ((objects["answer_comment"], objects["question"]),
                                  (objects["city_comment"], objects["city_question"])):
            # Another question than the one the matrix answers, so that its version 0 still holds.
            other = Question.objects.filter(section=question.section).exclude(pk=question.pk).first()
            save_answer(comment.response, other, based_on_version=0, text="Saved before", by=None)
        for visit in (objects["visit"], objects["training"]):
            invite(visit, [actors["mentee team"]], by=None)
        extra["mentee_team_notification"] = notification_for(actors["mentee team"], objects["mentorship"])
    return extra


class StoredPdf:
    """A PDF put in storage for a test; `unlink()` takes it out again."""

    def __init__(self, name):
        self.name = name

    def unlink(self):
        storage.delete(self.name)


def rendered_file_for(job):
    """Put a file behind a finished PDF job, so that its download has something to send (in the
    storage downloads read, whichever it is)."""
    job.file = storage.save_pdf(f"pdfs/matrix-{job.pk}.pdf", b"%PDF-1.4 role matrix")
    with scopes_disabled():
        job.save(update_fields=["file"])
    return StoredPdf(job.file)
