"""The guide's agenda for each of the three mentoring visits (METHOD.md), proposed when a team
plans such a visit and then edited freely. Items are (day, title, description)."""

from django.utils.translation import gettext_lazy as _

from .models import VisitKind

AGENDAS = {
    VisitKind.SETUP: [
        (1, _("Key issues of the needs analysis"),
         _("The mentee city and its association summarise the needs analysis and the questions to answer during "
           "the visit.")),
        (1, _("Interviews and focus groups"),
         _("With the local support group and other stakeholders, to identify possible actions and the obstacles "
           "to them.")),
        (1, _("Good-practice presentation by the mentor")),
        (2, _("Action-planning workshop"),
         _("With local stakeholders, towards a first list of actions.")),
        (2, _("Next steps"),
         _("How the mentee refines the plan with the mentor and the support group, and whom it consults on "
           "feasibility.")),
    ],
    VisitKind.INSPIRATION: [
        (1, _("The mentor's context"), _("Introduction to the mentor city and clarifying questions.")),
        (1, _("Interviews and focus groups")),
        (1, _("Site visits and good-practice presentations"),
         _("Practices can be chosen beforehand from the good-practice library (Annex 4).")),
        (2, _("Workshop revising the action plan"), _("The mentee's plan, with the new ideas.")),
    ],
    VisitKind.CONSOLIDATION: [
        (1, _("Open points of the action plan"), _("A summary of what is still to settle.")),
        (1, _("Interviews and focus groups with the key implementation actors")),
        (2, _("Presentation of the final action plan"), _("To politicians and local stakeholders.")),
    ],
}


def proposed_agenda(kind):
    """[(day, title, description)] for a kind of visit; empty for meetings, training and others."""
    return [(item[0], item[1], item[2] if len(item) > 2 else "") for item in AGENDAS.get(kind, [])]
