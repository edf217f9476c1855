"""What else an accepted invitation grants, registered by the apps that define it.

An invitation to a mentorship is a network invitation that also carries a mentorship and a
programme role; the mentorships app registers the step that adds the participant. Hooks run
inside `accept_invitation`'s transaction and scope.
"""

_ACCEPT_HOOKS = []


def on_accept(hook):
    if hook not in _ACCEPT_HOOKS:
        _ACCEPT_HOOKS.append(hook)
    return hook


def run_accept_hooks(invitation, user):
    for hook in _ACCEPT_HOOKS:
        hook(invitation, user=user)
