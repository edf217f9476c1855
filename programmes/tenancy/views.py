"""Network pages: the start page, members and invitations, settings (the network's home page,
which combines many apps, is in overview/).

Views are thin: the permission comes from rules.py, the change from services.py.
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from programmes.core.access import apply_change, form_status, require

from . import selectors, services
from .errors import TenancyError
from .forms import InvitationForm, NetworkSettingsForm, RoleForm


@login_required
def start(request):
    """After sign-in: straight to the only network, or a choice between several."""
    memberships = selectors.memberships_of(request.user)
    if len(memberships) == 1:
        return redirect("network_home", network=memberships[0].network.slug)
    return render(request, "tenancy/start.html", {"memberships": memberships})


def members(request, network, invite_form=None, status=200):
    require(request, "tenancy.view_members")
    memberships, invitations = selectors.members_page(request.network)
    can_manage = request.user.has_perm("tenancy.manage_members", request.network)
    context = {
        "memberships": [(m, RoleForm(initial={"role": m.role}, prefix=f"m{m.pk}")) for m in memberships],
        "invitations": invitations if can_manage else [],
        "invite_form": invite_form or InvitationForm(),
        "can_manage": can_manage,
    }
    return render(request, "tenancy/members.html", context, status=status)


def invite(request, network):
    require(request, "tenancy.manage_members")
    if request.method != "POST":
        return redirect("network_members", network=network)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite_member(request.network, by=request.user, **form.cleaned_data)
        except TenancyError as error:
            form.add_error("email", str(error.message))
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
            return redirect("network_members", network=network)
    return members(request, network, invite_form=form, status=400)


def _invitation_action(service, success_message):
    """A POST-only view that applies `service` to one of this network's invitations."""

    @require_POST
    def view(request, network, pk):
        require(request, "tenancy.manage_members")
        invitation = selectors.get_invitation(request.network, pk)
        apply_change(request, lambda: service(invitation, by=request.user), success_message % {"email": invitation.email})
        return redirect("network_members", network=network)

    return view


resend_invitation = _invitation_action(services.resend_invitation, gettext_lazy("Invitation sent again to %(email)s."))
revoke_invitation = _invitation_action(services.revoke_invitation, gettext_lazy("The invitation to %(email)s was revoked."))


@require_POST
def change_role(request, network, pk):
    require(request, "tenancy.manage_members")
    membership = selectors.get_membership(request.network, pk)
    form = RoleForm(request.POST, prefix=f"m{pk}")
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed roles."))
    else:
        role = form.cleaned_data["role"]
        if apply_change(request, lambda: services.change_role(membership, role=role, by=request.user), None):
            messages.success(
                request,
                _("%(person)s is now %(role)s.")
                % {"person": membership.user.display_name, "role": membership.get_role_display()},
            )
    return redirect("network_members", network=network)


def remove_member(request, network, pk):
    require(request, "tenancy.manage_members")
    membership = selectors.get_membership(request.network, pk)
    if request.method != "POST":
        return render(request, "tenancy/remove_member.html", {"membership": membership})
    removed = apply_change(
        request,
        lambda: services.remove_member(membership, by=request.user),
        _("%(person)s was removed from the network.") % {"person": membership.user.display_name},
    )
    if removed and membership.user_id == request.user.pk:
        return redirect("start")  # they left: this network is no longer theirs to see
    return redirect("network_members", network=network)


def network_settings(request, network):
    require(request, "tenancy.change_network")
    # A copy, so that invalid input never shows up in the page's header and breadcrumb.
    form = NetworkSettingsForm(request.POST or None, instance=copy.copy(request.network))
    if request.method == "POST" and form.is_valid():
        services.update_network_settings(
            request.network,
            name=form.cleaned_data["name"],
            mfa_required=form.cleaned_data["mfa_required"],
            languages=form.cleaned_data["languages"],
            by=request.user,
        )
        messages.success(request, _("The network settings were saved."))
        return redirect("network_settings", network=network)
    return render(request, "tenancy/settings.html", {"form": form}, status=form_status(form))
