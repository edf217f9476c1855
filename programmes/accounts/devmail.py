"""Development only: read the e-mails the file backend wrote to var/mail/, so a newcomer can
open an invitation or verification link without a mail server. Never mounted in production
(settings.DEV_MAIL_VIEWER); staff only."""

from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import render

SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def _messages():
    folder = Path(getattr(settings, "EMAIL_FILE_PATH", settings.MAIL_DIR))
    found = []
    for path in sorted(folder.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True) if folder.exists() else []:
        for index, chunk in enumerate(path.read_bytes().split(SEPARATOR)):
            if chunk.strip():
                found.append((f"{path.stem}-{index}", message_from_bytes(chunk.lstrip(), policy=policy.default)))
    return found


def _summary(key, message):
    body = message.get_body(preferencelist=("plain", "html"))
    date = message["Date"]
    return {
        "key": key,
        "subject": message["Subject"],
        "to": message["To"],
        "date": parsedate_to_datetime(date) if date else None,
        "text": body.get_content() if body else "",
    }


@staff_member_required
def mail_list(request):
    mails = sorted((_summary(k, m) for k, m in _messages()), key=lambda m: m["date"].timestamp() if m["date"] else 0, reverse=True)
    return render(request, "accounts/devmail_list.html", {"mails": mails})


@staff_member_required
def mail_detail(request, key):
    for found_key, message in _messages():
        if found_key == key:
            return render(request, "accounts/devmail_detail.html", {"mail": _summary(found_key, message)})
    raise Http404
