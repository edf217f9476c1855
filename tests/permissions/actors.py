"""The people of the role matrix: one of each kind a network has, around network A's mentorship.

The objects come from the isolation test (`objects_of_a`): a programme with a mentorship whose
mentee city is `city`, its visits, plan, questionnaires and support group. The actors below are
added around it; "other pair" takes part in a second mentorship of the same programme.
"""

from pathlib import Path

from django.conf import settings
from django_scopes import scope, scopes_disabled

from programmes.actionplans.services import add_action

from tests.factories import (
    CityFactory,
    MembershipFactory,
    MentorshipFactory,
    ParticipantFactory,
    ProgrammeFacilitatorFactory,
    UserFactory,
)

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


def rendered_file_for(job):
    """Put a file behind a finished PDF job, so that its download has something to send."""
    job.file = f"pdfs/matrix-{job.pk}.pdf"
    path = Path(settings.MEDIA_ROOT) / job.file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 role matrix")
    with scopes_disabled():
        job.save(update_fields=["file"])
    return path
