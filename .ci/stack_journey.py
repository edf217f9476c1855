"""A person's journey through the running stack, over its HTTP port only (.ci/stack).

What it proves: the production image, as deployed, serves what a network's people do on their
first day. An operator opens a network (`manage.py create_network`, the one step outside HTTP,
run by .ci/stack); from then on everything here is what a browser would do, through the stack's
address and nothing else: the admin's invitation e-mail arrives on a local SMTP sink (the web's
real SMTP sending), its link is followed and a password chosen (the link proves the address), the
admin signs in, fills in the directory, a programme, a mentorship and a visit through the same
forms people use, gets the visit reminder by e-mail (beat's sweep and a worker's sending), asks
for a PDF (a worker renders it) and downloads it (any web replica streams it from shared storage),
and after a backup is restored, finds the plan, the PDF and the history again.

Only HTTP: no database, no Django import, no container command. Pages are read as HTML (the
standard library's parser), forms are sent with the values a browser would send (their hidden
fields, CSRF token and defaults included) plus what a person types, with Referer and Origin as a
browser sends them; the session cookie is kept in the state file (--state) between subcommands.

    stack_journey.py smtp-sink --port 2525 --mailbox DIR
    stack_journey.py accept-invitation --state S --base URL --mailbox DIR --email ADDR --password PW
    stack_journey.py sign-in --state S --base URL --email ADDR --password PW
    stack_journey.py prepare --state S --base URL --network SLUG
    stack_journey.py wait-mail --state S --mailbox DIR --to ADDR --subject-contains TEXT --timeout 300
    stack_journey.py request-pdf --state S --base URL      (last line: the path it POSTed)
    stack_journey.py job-status --state S --base URL       (one word: queued, running, done...)
    stack_journey.py wait-pdf --state S --base URL --timeout 180
    stack_journey.py download-path --state S              (the download's path, for log greps)
    stack_journey.py download --state S --base URL --out FILE
    stack_journey.py check-restored --state S --base URL --out FILE

Each step prints one line per thing it did, and on failure one readable line (exit status 1).
"""

import argparse
import datetime
import email
import email.policy
import hashlib
import json
import os
import re
import signal
import sys
import threading
import time
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import requests

TIMEOUT = 30  # seconds for one HTTP request
USER_AGENT = "stack-journey/1 (CI; python-requests)"
# The visit's time zone, as the form offers it by default (Europe/Brussels, the settings' zone).
VISIT_ZONE = "Europe/Brussels"
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
INVITATION_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/invitations/[^/\s\"'<>]+/")


class JourneyError(Exception):
    """A step that did not go as a person would expect: its message is the line printed."""


def say(step, text):
    print(f"{step}: {text}", flush=True)


# --- HTML, read as a browser reads it ----------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def iter(self, tag=None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def text(self):
        parts = []
        for child in self.children:
            parts.append(child.text() if isinstance(child, Node) else child)
        return " ".join(" ".join(parts).split())

    def classes(self):
        return set((self.attrs.get("class") or "").split())

    def by_id(self, element_id):
        return next((node for node in self.iter() if node.attrs.get("id") == element_id), None)


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, [(name, value if value is not None else "") for name, value in attrs], self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, [(name, value if value is not None else "") for name, value in attrs], self.stack[-1])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html):
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


class Form:
    """A <form> as the browser would submit it: defaults first, then what the person changes."""

    def __init__(self, node, page_url, labels):
        self.node = node
        self.action = urljoin(page_url, node.attrs.get("action") or page_url)
        self.method = (node.attrs.get("method") or "get").lower()
        self.values = []  # [name, value] in document order, as the browser sends them
        self.controls = {}  # name -> {"type", "options": [(value, label)], "label"}
        for control in node.iter():
            name = control.attrs.get("name")
            if not name or control.tag not in {"input", "select", "textarea"} or "disabled" in control.attrs:
                continue
            info = self.controls.setdefault(name, {"type": control.tag, "options": [], "label": ""})
            info["label"] = info["label"] or labels.get(control.attrs.get("id", ""), "")
            if control.tag == "textarea":
                self.values.append([name, "".join(c for c in control.children if isinstance(c, str)).lstrip("\n")])
            elif control.tag == "select":
                options = list(control.iter("option"))
                info["options"] = [(o.attrs.get("value", o.text()), o.text()) for o in options]
                chosen = [o for o in options if "selected" in o.attrs]
                if not chosen and options and "multiple" not in control.attrs:
                    chosen = options[:1]
                self.values.extend([name, o.attrs.get("value", o.text())] for o in chosen)
            else:
                kind = control.attrs.get("type", "text").lower()
                info["type"] = kind
                if kind in {"submit", "button", "image", "reset", "file"}:
                    continue
                if kind in {"checkbox", "radio"}:
                    value = control.attrs.get("value", "on")
                    label = labels.get(control.attrs.get("id", ""), "")
                    info["options"].append((value, label))
                    if "checked" in control.attrs:
                        self.values.append([name, value])
                else:
                    self.values.append([name, control.attrs.get("value", "")])

    def has(self, name):
        return name in self.controls

    def set(self, name, value):
        """Type `value` into the field (or choose the option of that value)."""
        if name not in self.controls:
            raise JourneyError(f"the form {self.action} has no field {name!r} (it has {sorted(self.controls)})")
        self.values = [pair for pair in self.values if pair[0] != name] + [[name, str(value)]]

    def choose(self, name, label_contains):
        """Choose the option (select, radio or checkbox) whose visible label contains the text."""
        options = self.controls.get(name, {}).get("options", [])
        match = [value for value, label in options if label_contains.lower() in label.lower()]
        if not match:
            raise JourneyError(f"no choice labelled like {label_contains!r} for {name!r} in {self.action} "
                               f"(choices: {[label for _value, label in options]})")
        if self.controls[name]["type"] == "checkbox":
            self.values.append([name, match[0]])
        else:
            self.set(name, match[0])
        return match[0]

    def data(self):
        return [tuple(pair) for pair in self.values]


class Page:
    def __init__(self, response):
        self.response = response
        self.url = response.url
        self.path = urlsplit(response.url).path
        self.status = response.status_code
        self.html = response.text
        self.root = parse_html(self.html)
        self.labels = {}
        for label in self.root.iter("label"):
            if label.attrs.get("for"):
                self.labels[label.attrs["for"]] = label.text()

    def forms(self):
        return [Form(node, self.url, self.labels) for node in self.root.iter("form")]

    def form(self, *, action_endswith=None, with_field=None):
        for form in self.forms():
            if action_endswith and not urlsplit(form.action).path.endswith(action_endswith):
                continue
            if with_field and not form.has(with_field):
                continue
            return form
        wanted = " and ".join(filter(None, [action_endswith and f"sent to …{action_endswith}",
                                             with_field and f"with a field {with_field!r}"]))
        raise JourneyError(f"{self.path} shows no form {wanted}")

    def signed_in(self):
        return any(urlsplit(form.action).path.endswith("/accounts/logout/") for form in self.forms())

    def title(self):
        h1 = next(self.root.iter("h1"), None)
        return h1.text() if h1 else ""

    def problems(self):
        """What the page says went wrong: field errors and error alerts."""
        texts = []
        for node in self.root.iter():
            if node.classes() & {"invalid-feedback", "errorlist", "alert-danger", "errornote"}:
                text = node.text()
                if text and text not in texts:
                    texts.append(text)
        return "; ".join(texts) or "no error shown on the page"

    def messages(self):
        return [node.text() for node in self.root.iter() if "alert" in node.classes()
                and node.classes() & {"alert-success", "alert-info", "alert-warning"} and node.text()]


# --- The browser: one requests session, cookies kept in the state file -------------------------

class Journey:
    def __init__(self, state_path, base=None):
        self.state_path = Path(state_path)
        self.state = json.loads(self.state_path.read_text()) if self.state_path.exists() else {}
        self.base = base.rstrip("/") if base else None
        self.session = requests.Session()
        self.session.headers.update({"User-Agent": USER_AGENT, "Accept-Language": "en"})
        if self.base:
            host = urlsplit(self.base).hostname
            for name, value in self.state.get("cookies", {}).items():
                self.session.cookies.set(name, value, domain=host, path="/")

    def save(self):
        cookies = self.state.setdefault("cookies", {})
        for cookie in self.session.cookies:
            cookies[cookie.name] = cookie.value
        self.state_path.write_text(json.dumps(self.state, indent=2, sort_keys=True))

    def forget_session(self):
        self.session.cookies.clear()
        self.state["cookies"] = {}

    def url(self, path):
        if self.base is None:
            raise JourneyError("--base is needed for this step")
        return path if path.startswith("http") else self.base + path

    def _check(self, response, what, ok=(200,)):
        if response.status_code not in ok:
            page = Page(response)
            detail = page.problems() if response.status_code == 400 else (page.title() or response.reason)
            raise JourneyError(f"{what} answered {response.status_code} at {page.path}: {detail}")
        return Page(response)

    def get(self, path, *, ok=(200,)):
        response = self.session.get(self.url(path), timeout=TIMEOUT)
        return self._check(response, f"GET {urlsplit(self.url(path)).path}", ok)

    def submit(self, page, form, *, ok=(200,)):
        """Send the form as the browser does from `page`: Referer is the page, Origin its site."""
        if form.method != "post":
            raise JourneyError(f"the form {form.action} is sent by {form.method.upper()}, not POST")
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
        response = self.session.post(form.action, data=form.data(), timeout=TIMEOUT,
                                     headers={"Referer": page.url, "Origin": origin})
        return self._check(response, f"POST {urlsplit(form.action).path}", ok)

    def network(self):
        slug = self.state.get("network")
        if not slug:
            raise JourneyError("the state file names no network: run accept-invitation (or prepare) first")
        return slug

    def object_path(self, key):
        path = self.state.get("urls", {}).get(key)
        if not path:
            raise JourneyError(f"the state file has no {key}: run prepare first")
        return path


# --- Mail on the SMTP sink ----------------------------------------------------------------------

def smtp_sink(args):
    """An SMTP server on 127.0.0.1 that files each message as DIR/<time>-<n>.eml, in the foreground."""
    from aiosmtpd.controller import Controller

    mailbox = Path(args.mailbox)
    mailbox.mkdir(parents=True, exist_ok=True)

    class FileEveryMessage:
        count = 0

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
            FileEveryMessage.count += 1
            name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{FileEveryMessage.count:05d}.eml"
            content = envelope.original_content or envelope.content
            if isinstance(content, str):
                content = content.encode("utf-8")
            trace = (f"X-Envelope-From: {envelope.mail_from}\r\n"
                     f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n").encode()
            partial = mailbox / f".{name}.part"
            partial.write_bytes(trace + content)
            partial.replace(mailbox / name)  # readers never see half a message
            subject = " ".join(str(email.message_from_bytes(content, policy=email.policy.default)
                                   .get("subject", "")).split())
            say("smtp-sink", f"{name}: to {', '.join(envelope.rcpt_tos)}: {subject}")
            return "250 Message accepted for delivery"

    controller = Controller(FileEveryMessage(), hostname="127.0.0.1", port=args.port)
    controller.start()
    say("smtp-sink", f"listening on 127.0.0.1:{args.port}, filing messages in {mailbox}")
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    say("smtp-sink", f"stopped after {FileEveryMessage.count} message(s)")


def read_mail(path):
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    recipients = " ".join(str(message.get(h, "")) for h in ("X-Envelope-To", "To", "Cc")).lower()
    body = message.get_body(preferencelist=("plain", "html"))
    text = body.get_content() if body is not None else ""
    subject = " ".join(str(message.get("subject", "")).split())
    return {"file": path.name, "subject": subject, "to": recipients, "text": text}


def wait_for_mail(mailbox, *, to, timeout, matches=lambda mail: True, what="a message"):
    """The newest message to `to` that `matches`, waiting up to `timeout` seconds for one."""
    mailbox, deadline, to = Path(mailbox), time.monotonic() + timeout, to.lower()
    while True:
        found = []
        for path in sorted(mailbox.glob("*.eml"), key=lambda p: (p.stat().st_mtime, p.name)):
            mail = read_mail(path)
            if to in mail["to"] and matches(mail):
                found.append(mail)
        if found:
            return found[-1]
        if time.monotonic() > deadline:
            seen = [f"{read_mail(p)['subject']!r}" for p in sorted(mailbox.glob("*.eml"))][-5:]
            raise JourneyError(f"no {what} to {to} in {mailbox} within {timeout:.0f} s "
                               f"(latest there: {', '.join(seen) or 'none'})")
        time.sleep(0.5)


def wait_mail(args):
    wanted = args.subject_contains.lower()
    mail = wait_for_mail(args.mailbox, to=args.to, timeout=args.timeout,
                         matches=lambda m: wanted in m["subject"].lower(),
                         what=f"message whose subject contains {args.subject_contains!r}")
    say("wait-mail", f"{mail['file']} to {args.to}: {mail['subject']}")


# --- Joining and signing in ----------------------------------------------------------------------

def accept_invitation(args):
    """Follow the invitation link from the e-mail, choose a password, end signed in."""
    journey = Journey(args.state, args.base)
    mail = wait_for_mail(args.mailbox, to=args.email, timeout=args.timeout,
                         matches=lambda m: INVITATION_LINK.search(m["text"]), what="invitation")
    link = INVITATION_LINK.search(mail["text"]).group(0)
    say("accept-invitation", f"invitation received ({mail['subject']!r}), link {link}")
    # The link is the site's public address (SITE_URL); it is opened through --base, the same stack.
    journey.forget_session()
    page = journey.get(urlsplit(link).path)
    if not page.path.startswith("/accounts/signup/"):
        raise JourneyError(f"the invitation link led to {page.path} ({page.title()!r}), not to the sign-up form")
    form = page.form(with_field="password1")
    typed_email = dict(form.data()).get("email", "")
    if typed_email.lower() != args.email.lower():
        raise JourneyError(f"the sign-up form shows {typed_email!r}, not the invited address {args.email}")
    form.set("full_name", args.name)
    form.set("password1", args.password)
    form.set("password2", args.password)
    page = journey.submit(page, form)
    if not page.signed_in():
        raise JourneyError(f"after choosing a password the browser is at {page.path} ({page.title()!r}), "
                           f"not signed in: {page.problems()}")
    slug = page.path.strip("/").split("/")[0]
    journey.state.update({"email": args.email.lower(), "name": args.name, "network": slug, "home": page.path})
    journey.save()
    role = next((line for line in page.root.text().split(".") if "Your role in this network" in line), "")
    say("accept-invitation", f"account created, signed in at {page.path} ({page.title()}); "
                             f"{role.strip() or 'no role shown'}; the address was verified by the link")


def sign_in(args):
    """Sign in from a fresh browser at /accounts/login/ with the e-mail address and password."""
    journey = Journey(args.state, args.base)
    journey.forget_session()
    page = journey.get("/accounts/login/")
    form = page.form(with_field="password")
    form.set("login", args.email)
    form.set("password", args.password)
    page = journey.submit(page, form)
    if not page.signed_in():
        raise JourneyError(f"signing in as {args.email} ended at {page.path}: {page.problems()}")
    journey.state.update({"email": args.email.lower(), "home": page.path})
    if "network" not in journey.state and page.path.strip("/"):
        journey.state["network"] = page.path.strip("/").split("/")[0]
    journey.save()
    say("sign-in", f"signed in as {args.email}, at {page.path} ({page.title()})")


# --- What a visit and a PDF need, through the forms ----------------------------------------------

def _create(journey, step, form_path, fields, *, choices=(), expect_path):
    """Open the form at `form_path`, type `fields`, choose `choices` by label, save; return the page
    it leads to, which must match `expect_path` (a regular expression on the path)."""
    page = journey.get(form_path)
    form = page.form(with_field=next(iter(fields)))
    for name, value in fields.items():
        form.set(name, value)
    for name, label in choices:
        form.choose(name, label)
    saved = journey.submit(page, form)
    if not re.fullmatch(expect_path, saved.path):
        raise JourneyError(f"{step}: saving {form_path} led to {saved.path}, not {expect_path}: {saved.problems()}")
    return saved


def _reminder_offsets(page):
    """[(target, [hours…])] from the programme's reminders page ("Visits and meetings" | "14 days, 2 days")."""
    rules = []
    for row in page.root.iter("tr"):
        cells = [cell.text() for cell in row.iter("td")]
        if len(cells) >= 2:
            hours = [int(n) * (24 if unit.startswith("day") else 1)
                     for n, unit in re.findall(r"(\d+)\s+(days?|hours?)", cells[1])]
            rules.append((cells[0], hours))
    return rules


def prepare(args):
    """As the network's admin: two associations, two cities, a programme, a mentorship the admin
    takes part in (mentee team, so the admin may plan its visits and is reminded of them), a
    visit tomorrow at 10:00, within the default reminder of two days before, and an action plan
    with its first action."""
    journey = Journey(args.state, args.base)
    slug = args.network
    journey.state["network"] = slug
    home = journey.get(f"/{slug}/")
    if not home.signed_in():
        raise JourneyError(f"/{slug}/ does not show a signed-in person: run accept-invitation or sign-in first")
    admin = journey.state.get("email")
    urls = journey.state.setdefault("urls", {})
    titles = journey.state.setdefault("titles", {})

    associations = [("Associazione Italiana per il Consiglio dei Comuni e delle Regioni d'Europa", "AICCRE", "IT"),
                    ("Vereniging van Vlaamse Steden en Gemeenten", "VVSG", "BE")]
    for name, acronym, country in associations:
        page = _create(journey, "prepare", f"/{slug}/directory/associations/new/",
                       {"name": name, "acronym": acronym, "country": country},
                       expect_path=rf"/{slug}/directory/associations/\d+/")
        urls[f"association_{acronym}"] = page.path
        say("prepare", f"association {acronym} ({country}) at {page.path}")

    cities = [("mentee", "Capaci", "IT", "AICCRE"), ("mentor", "Mechelen", "BE", "VVSG")]
    for side, name, country, acronym in cities:
        page = _create(journey, "prepare", f"/{slug}/directory/cities/new/",
                       {"name": name, "country": country}, choices=[("association", acronym)],
                       expect_path=rf"/{slug}/directory/cities/\d+/")
        urls[f"{side}_city"] = page.path
        say("prepare", f"{side} city {name} ({country}, with {acronym}) at {page.path}")

    today = datetime.datetime.now(ZoneInfo(VISIT_ZONE)).date()
    titles["programme"] = "Stack journey programme"
    page = _create(journey, "prepare", f"/{slug}/programmes/new/",
                   {"title": titles["programme"], "theme": "Integration of third-country nationals",
                    "start_date": today.isoformat(), "end_date": (today + datetime.timedelta(days=365)).isoformat(),
                    "status": "running"},
                   expect_path=rf"/{slug}/programmes/\d+/")
    urls["programme"] = page.path
    say("prepare", f"programme {titles['programme']!r} ({today} to {today + datetime.timedelta(days=365)}) "
                   f"at {page.path}")

    titles["mentorship"] = "Capaci – Mechelen"
    page = _create(journey, "prepare", f"{urls['programme']}mentorships/new/",
                   {"title": titles["mentorship"]}, choices=[("mentee_city", "Capaci"), ("mentor_city", "Mechelen")],
                   expect_path=rf"/{slug}/mentorships/\d+/")
    urls["mentorship"] = page.path
    say("prepare", f"mentorship {titles['mentorship']!r} at {page.path}")

    page = _create(journey, "prepare", f"{urls['mentorship']}participants/invite/",
                   {"email": admin, "role": "mentee_team"}, expect_path=rf"/{slug}/mentorships/\d+/")
    say("prepare", f"{admin} takes part as the mentee team: {' '.join(page.messages()) or 'saved'}")

    # Tomorrow 10:00 in the visit's time zone: between 10 and 34 hours ahead, so the default
    # "2 days before" reminder is due at the first sweep after it is planned.
    tomorrow = today + datetime.timedelta(days=1)
    starts = datetime.datetime.combine(tomorrow, datetime.time(10, 0), tzinfo=ZoneInfo(VISIT_ZONE))
    titles["visit"] = "Set-up visit in Capaci"
    page = _create(journey, "prepare", f"{urls['mentorship']}visits/new/",
                   {"title": titles["visit"], "kind": "setup", "starts_on": tomorrow.isoformat(),
                    "starts_time": "10:00", "ends_on": tomorrow.isoformat(), "ends_time": "16:00",
                    "time_zone": VISIT_ZONE, "venue": "Town hall, Piazza Municipio 1, Capaci"},
                   expect_path=rf"/{slug}/mentorships/\d+/visits/\d+/")
    urls["visit"] = page.path
    say("prepare", f"visit {titles['visit']!r} on {starts:%Y-%m-%d %H:%M} {VISIT_ZONE} at {page.path}")

    form = page.form(action_endswith="/participants/")
    people = form.controls.get("user", {}).get("options", [])
    known_as = [text.lower() for text in (journey.state.get("name"), admin) if text]
    mine = [value for value, label in people if any(text in label.lower() for text in known_as)] \
        or [value for value, _label in people]
    if not mine:
        raise JourneyError(f"the visit page offers nobody to invite (participants form of {page.path})")
    form.values = [pair for pair in form.values if pair[0] != "user"] + [["user", value] for value in mine]
    saved = journey.submit(page, form)
    say("prepare", f"invited to the visit: {', '.join(l for v, l in people if v in mine)} "
                   f"({' '.join(saved.messages()) or 'saved'})")

    titles["action"] = "Open a welcome desk for new residents at the town hall"
    page = _create(journey, "prepare", f"{urls['mentorship']}action-plan/actions/",
                   {"action": titles["action"], "results": "New residents find their way to services in one place",
                    "timeline_note": "Q2 2027", "lead": "Social services of Capaci",
                    "success_measure": "200 visits to the desk in its first year"},
                   expect_path=rf"/{slug}/mentorships/\d+/action-plan/")
    urls["action_plan"] = page.path
    say("prepare", f"action plan started at {page.path} with the action {titles['action']!r}: "
                   f"{' '.join(page.messages()) or 'saved'}")

    rules = _reminder_offsets(journey.get(f"{urls['programme']}reminders/"))
    hours_ahead = (starts - datetime.datetime.now(ZoneInfo(VISIT_ZONE))).total_seconds() / 3600
    visit_rules = [hours for target, hours in rules if target.lower().startswith("visit")]
    if not any(hours and max(hours) >= hours_ahead for hours in visit_rules):
        raise JourneyError(f"no visit reminder rule reaches a visit {hours_ahead:.0f} h ahead (rules: {rules})")
    say("prepare", f"reminder rules {rules}: the visit, {hours_ahead:.0f} h ahead, is due for one now")
    journey.save()


# --- PDFs ----------------------------------------------------------------------------------------

def _job_ids(page):
    return {int(node.attrs["id"].split("-")[-1]) for node in page.root.iter()
            if re.fullmatch(r"pdf-job-\d+", node.attrs.get("id", ""))}


def _job_state(page, job_id):
    """(status word, download path or None, detail) of job `job_id` as its page shows it: the
    panel's `data-status` (queued, running, interrupted, done, failed, expired), its download link
    and the words people read."""
    node = page.root.by_id(f"pdf-job-{job_id}")
    if node is None:
        raise JourneyError(f"{page.path} does not show PDF job {job_id}")
    text = node.text()
    links = [a.attrs.get("href", "") for a in node.iter("a")]
    download = next((href for href in links if href.rstrip("/").endswith("/download")), None)
    status = node.attrs.get("data-status") or "unknown"
    return status, download, text


def request_pdf(args):
    """Ask for the programme report from the programme page, as its button does (no JavaScript:
    the page comes back with the job listed); remember the job."""
    journey = Journey(args.state, args.base)
    page = journey.get(journey.object_path("programme"))
    form = page.form(action_endswith="/report/pdf/")
    before = _job_ids(page)
    after_page = journey.submit(page, form)
    new = sorted(_job_ids(after_page) - before)
    if not new:
        raise JourneyError(f"after asking for the PDF, {after_page.path} lists no new job "
                           f"({' '.join(after_page.messages()) or after_page.problems()})")
    job_id = new[-1]
    status, _download, _text = _job_state(after_page, job_id)
    job_path = f"/{journey.network()}/pdfs/{job_id}/"
    asked = urlsplit(form.action).path
    journey.state.update({"job": job_path, "asked": asked})
    journey.state.pop("download", None)
    journey.save()
    say("request-pdf", f"asked for the programme report (POST {asked}): job {job_path}, {status}")
    print(asked, flush=True)  # last line alone: .ci/stack finds which replica served this POST


def _read_job(journey, job_path=None):
    """(job path, status, download path or None, what the page says) of the state's job (or of
    `job_path`); the state's job's download path is remembered for `download-path`."""
    latest = journey.state.get("job")
    job_path = job_path or latest
    if not job_path:
        raise JourneyError("the state file has no PDF job: run request-pdf first")
    page = journey.get(job_path)
    status, download, text = _job_state(page, int(job_path.rstrip("/").split("/")[-1]))
    download = urlsplit(urljoin(page.url, download)).path if download else None
    if download and job_path == latest:
        journey.state["download"] = download
    return job_path, status, download, text


def job_status(args):
    journey = Journey(args.state, args.base)
    _job_path, status, _download, _text = _read_job(journey)
    journey.save()
    print(status, flush=True)


def wait_pdf(args):
    journey = Journey(args.state, args.base)
    started, last = time.monotonic(), None
    while True:
        job_path, status, download, text = _read_job(journey)
        waited = time.monotonic() - started
        if status != last:
            say("wait-pdf", f"{job_path} {status} after {waited:.0f} s")
            last = status
        if status == "done":
            journey.save()
            say("wait-pdf", f"ready after {waited:.0f} s: {text}; download at {journey.state['download']}")
            return
        if status in {"failed", "expired", "unknown"}:
            raise JourneyError(f"the PDF job {job_path} is {status}: {text}")
        if waited > args.timeout:
            raise JourneyError(f"the PDF job {job_path} is still {status} after {args.timeout:.0f} s: {text}")
        time.sleep(1)


def download_path(args):
    journey = Journey(args.state)
    path = journey.state.get("download")
    if not path:
        raise JourneyError("the state file has no download link: run wait-pdf until the job is done")
    print(path, flush=True)


def pdf_pages(content):
    """Pages of a PDF, counted in its objects, and inside compressed object streams too."""
    pages = len(PDF_PAGE.findall(content))
    if pages:
        return pages
    for match in re.finditer(rb"stream\r?\n", content):
        chunk = content[match.end():match.end() + 10_000_000]
        try:
            pages += len(PDF_PAGE.findall(zlib.decompressobj().decompress(chunk)))
        except zlib.error:
            continue
    return pages


def _download(journey, out, job_path=None):
    """Follow the job page's download link; the PDF must be one, with the pages the page says."""
    job_path, status, download, text = _read_job(journey, job_path)
    if status != "done" or not download:
        raise JourneyError(f"the PDF job {job_path} is {status}, with no download link: {text}")
    response = journey.session.get(journey.url(download), timeout=TIMEOUT)
    if response.status_code != 200:
        raise JourneyError(f"GET {download} answered {response.status_code}")
    content = response.content
    if not content.startswith(b"%PDF-"):
        raise JourneyError(f"the download is not a PDF: it starts with {content[:20]!r} "
                           f"({response.headers.get('Content-Type')})")
    pages = pdf_pages(content)
    if pages < 1:
        raise JourneyError(f"the PDF of {len(content)} bytes has no page")
    Path(out).write_bytes(content)
    digest = hashlib.sha256(content).hexdigest()
    said = re.search(r"\((\d+) pages?\)", text)
    if said and int(said.group(1)) != pages:
        raise JourneyError(f"the job page says {said.group(1)} page(s), the PDF downloaded has {pages}")
    return job_path, download, response, content, pages, digest


def download(args):
    journey = Journey(args.state, args.base)
    job_path, path, response, content, pages, digest = _download(journey, args.out)
    journey.state.setdefault("downloads", {})[job_path] = digest
    journey.save()
    say("download", f"{response.status_code} from {journey.base}{path}: {len(content)} bytes, "
                    f"{pages} page(s), {response.headers.get('Content-Type')}, sha256 {digest[:16]}…, "
                    f"written to {args.out}")


# --- After a restore -----------------------------------------------------------------------------

def _history_entries(page, section_id):
    section = page.root.by_id(section_id)
    section = section.parent if section is not None and section.tag != "section" else section
    return [item.text() for item in section.iter("li")] if section is not None else []


def check_restored(args):
    """On a web started on the restored database and files: the same session still signs in, the
    network's work (programme, mentorship, visit, action plan) is there with its history, and the
    PDFs download as before."""
    journey = Journey(args.state, args.base)
    titles = journey.state.get("titles", {})
    for key, history in (("programme", "programme-history"), ("mentorship", "mentorship-history"),
                         ("visit", None), ("action_plan", None)):
        page = journey.get(journey.object_path(key))
        if not page.signed_in():
            raise JourneyError(f"{page.path} on the restored site does not show a signed-in person")
        shown = titles.get("action" if key == "action_plan" else key)
        if shown and shown not in page.root.text():
            raise JourneyError(f"the restored {key} page {page.path} does not show {shown!r}")
        entries = _history_entries(page, history) if history else []
        if history and not entries:
            raise JourneyError(f"the restored {key} page {page.path} shows no history")
        say("check-restored", f"{key.replace('_', ' ')} {shown or ''!r} at {page.path}"
                              + (f", {len(entries)} history entr{'y' if len(entries) == 1 else 'ies'}: "
                                 f"{entries[-1]}" if entries else ""))
    downloaded = journey.state.get("downloads", {})
    jobs = list(dict.fromkeys([*downloaded, journey.state.get("job")]))
    for job_path in filter(None, jobs):
        out = args.out if job_path == jobs[-1] else f"{args.out}.{job_path.strip('/').split('/')[-1]}"
        _path, _download_path, response, content, pages, digest = _download(journey, out, job_path)
        before = downloaded.get(job_path)
        if before and before != digest:
            raise JourneyError(f"the restored PDF of {job_path} differs from the one downloaded before the backup")
        say("check-restored", f"PDF of {job_path}: {response.status_code}, {len(content)} bytes, {pages} page(s)"
                              + (", the same bytes as downloaded before the backup" if before else "")
                              + f", written to {out}")


# --- Command line --------------------------------------------------------------------------------

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name, function, *, base=True, state=True):
        sub = commands.add_parser(name, help=(function.__doc__ or "").split("\n")[0])
        sub.set_defaults(function=function)
        if state:
            sub.add_argument("--state", default="/tmp/stack-journey.json", help="JSON file kept between steps")
        if base:
            sub.add_argument("--base", required=True, help="the stack's address, e.g. http://127.0.0.1:8080")
        return sub

    sub = command("smtp-sink", smtp_sink, base=False, state=False)
    sub.add_argument("--port", type=int, default=2525)
    sub.add_argument("--mailbox", required=True)
    sub = command("accept-invitation", accept_invitation)
    sub.add_argument("--mailbox", required=True)
    sub.add_argument("--email", required=True)
    sub.add_argument("--password", required=True)
    sub.add_argument("--name", default="Stack Journey Admin")
    sub.add_argument("--timeout", type=float, default=60)
    sub = command("sign-in", sign_in)
    sub.add_argument("--email", required=True)
    sub.add_argument("--password", required=True)
    sub = command("prepare", prepare)
    sub.add_argument("--network", required=True)
    command("request-pdf", request_pdf)
    command("job-status", job_status)
    sub = command("wait-pdf", wait_pdf)
    sub.add_argument("--timeout", type=float, default=180)
    command("download-path", download_path, base=False)
    sub = command("download", download)
    sub.add_argument("--out", required=True)
    sub = command("wait-mail", wait_mail, base=False)
    sub.add_argument("--mailbox", required=True)
    sub.add_argument("--to", required=True)
    sub.add_argument("--subject-contains", required=True, help="case-insensitive")
    sub.add_argument("--timeout", type=float, default=300)
    sub = command("check-restored", check_restored)
    sub.add_argument("--out", required=True)

    args = parser.parse_args(argv)
    try:
        args.function(args)
    except JourneyError as error:
        print(f"{args.command}: FAILED: {error}", file=sys.stderr, flush=True)
        return 1
    except requests.RequestException as error:
        print(f"{args.command}: FAILED: HTTP: {error}", file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
