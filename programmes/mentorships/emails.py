"""Mail to people added to a mentorship, in their own language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def send_added_to_mentorship(participant):
    mentorship = participant.mentorship
    link = settings.SITE_URL.rstrip("/") + reverse(
        "mentorship_detail", kwargs={"network": mentorship.network.slug, "pk": mentorship.pk}
    )
    context = {"participant": participant, "mentorship": mentorship, "link": link}
    with translation.override(participant.user.language or settings.LANGUAGE_CODE):
        context["role"] = participant.get_role_display()
        subject = render_to_string("emails/added_to_mentorship_subject.txt", context).strip()
        body = render_to_string("emails/added_to_mentorship_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [participant.user.email])
