"""Invitation e-mails, rendered from templates in the language chosen for the recipient."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def invitation_link(token):
    return settings.SITE_URL.rstrip("/") + reverse("invitation_accept", kwargs={"token": token})


def send_invitation(invitation, token):
    context = {
        "invitation": invitation,
        "network": invitation.network,
        "inviter": invitation.invited_by,
        "link": invitation_link(token),
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    with translation.override(invitation.language):
        context["role"] = invitation.get_role_display()
        subject = render_to_string("emails/invitation_subject.txt", context).strip()
        text = render_to_string("emails/invitation_message.txt", context)
        html = render_to_string("emails/invitation_message.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()
