"""The people a comment box of a mentorship may @mention, for mentions.js to offer as the writer
types: the participants, each with their display name and programme role."""

from django.http import JsonResponse

from programmes.core.access import require
from programmes.mentorships import selectors as mentorship_selectors


def mention_candidates(request, network, pk):
    """Read under the rule of the mentorship's content page: who takes part is not for those who
    see only its status. Another network's mentorship is not found (404)."""
    mentorship = mentorship_selectors.get_mentorship(request.network, pk)
    require(request, "mentorships.view_mentorship_content", mentorship)
    people = sorted(((p.user.display_name, p.get_role_display(), p.user_id) for p in mentorship.participants.all()
                     if p.user.is_active and p.user_id != request.user.pk), key=lambda row: row[0].casefold())
    response = JsonResponse({"people": [{"id": pk, "name": name, "role": str(role)} for name, role, pk in people]})
    response["Cache-Control"] = "private, no-store"
    return response
