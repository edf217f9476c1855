"""Demo action plan: Capaci's draft between the mentoring visits — the "Buddy" pilot transferred
from Mechelen — with a question from the mentor. Idempotent."""

import datetime

from django_scopes import scope

from programmes.mentorships.models import Mentorship, Participant

from . import services
from .models import Action

CAPACI_ACTIONS = [
    ("Start a buddy scheme pairing newcomers with residents, after Mechelen's model.",
     "40 pairs in the first year; newcomers know where to turn.", (2027, 3), (2027, 12),
     "Social services with the parish volunteers", "1 coordinator (half time), 20 volunteers, regional ESF+ call",
     "40 pairs active; 80 % still meeting after six months"),
    ("Train council front-desk staff in intercultural communication.",
     "Staff feel confident; fewer complaints.", (2027, 4), (2027, 6), "Human resources",
     "Two training days with the mentor city's trainers", "All 25 front-desk staff trained"),
    ("Open a one-stop information desk for newcomers in the town hall.",
     "Newcomers find every service in one place.", (2027, 9), (2028, 3), "Mayor's office",
     "Existing room, 2 staff, translation by volunteers", "300 visits in the first six months"),
    ("Set up a local support group with migrant representatives.",
     "The plan is followed by those it concerns.", None, None, "Social services",
     "Meeting room; no extra cost", "Meets every quarter; at least two migrant representatives"),
]


def seed_action_plans(networks):
    network = networks["inclucities"]
    with scope(network=network):
        mentorship = Mentorship.objects.filter(network=network, title="Capaci – Mechelen").first()
        if mentorship is None:
            return
        plan = services.plan_for(mentorship)
        if plan.actions.exists():
            return
        for action, results, starts, ends, lead, resources, success in CAPACI_ACTIONS:
            services.add_action(plan, values={
                "action": action, "results": results, "lead": lead, "resources": resources,
                "success_measure": success, "starts": datetime.date(*starts, 1) if starts else None,
                "ends": datetime.date(*ends, 1) if ends else None,
                "timeline_note": "" if starts else "From Q1 2027, then every quarter",
            }, by=None)
        mentor = Participant.objects.filter(mentorship=mentorship, role="mentor_team").select_related("user").first()
        first = Action.objects.filter(plan=plan).order_by("position").first()
        services.comment(first, text="In Mechelen the buddies meet a coordinator every month: who will that be in "
                                     "Capaci?", by=mentor.user if mentor else None)
