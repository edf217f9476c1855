"""The invitation held in the session between opening the link and finishing sign-up."""

from programmes.tenancy.selectors import find_invitation

SESSION_KEY = "invitation_token"


def remember(request, token):
    request.session[SESSION_KEY] = token


def forget(request):
    request.session.pop(SESSION_KEY, None)


def pending_from_session(request):
    """The usable invitation whose link this browser opened, or None."""
    token = request.session.get(SESSION_KEY)
    if not token:
        return None
    invitation = find_invitation(token)
    if invitation is None or invitation.status != "pending":
        return None
    return invitation
