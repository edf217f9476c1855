"""What a person who may do the action would send: one valid POST per action of the role matrix.

Each entry takes the objects of network A and the actors, and returns the form data. An action
with no entry is sent with no data (a button: start, submit a PDF job, delete, mark done).
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from programmes.benchmarks.exchange import shipped_files


def _exported_benchmark():
    """The guide's example benchmark as an export file, the way one network shares it with another."""
    content = shipped_files()["en"].read_bytes()
    return SimpleUploadedFile("benchmark.json", content, "application/json")


def _later(days):
    return (datetime.date.today() + datetime.timedelta(days=days)).isoformat()


def _visit(kind):
    return lambda o, a: {
        "kind": kind, "title": "Set-up visit", "host_city": o["city"].pk if kind != "training" else "",
        "mode": "physical", "starts_on": _later(40), "starts_time": "09:00", "ends_on": _later(40),
        "ends_time": "17:00", "time_zone": "Europe/Rome", "venue": "Town hall", "objectives": "Meet", "questions": "",
    }


def _agenda(o, a):
    return {"day": "1", "time": "10:00", "title": "Good practice of the mentor", "description": "", "place": "",
            "lead": "Mechelen"}


def _city(o, a):
    return {"name": "Capaci", "country": "IT", "association": o["association"].pk, "population": "11000",
            "governance_level": "municipality", "languages": "Italian"}


def _association(o, a):
    return {"name": "AICCRE", "acronym": "AICCRE", "country": "IT"}


def _contact(o, a):
    return {"name": "Giulia Rossi", "position": "Integration office", "email": "giulia@capaci.example"}


def _programme(o, a):
    return {"title": "IncluCities 2", "theme": "Building a city for all", "start_date": _later(-10),
            "end_date": _later(400), "format": "pairs", "max_focus_factors": "3", "planned_visits": "3",
            "status": "running"}


def _mentorship(o, a):
    with scopes_disabled():
        mentor = o["mentorship"].cities.get(side="mentor").city_id
    return {"title": "Capaci – Mechelen", "focus": "Buddies", "phase": "visits", "mentee_city": o["city"].pk,
            "mentor_city": mentor}


def _good_practice(o, a):
    return {"title": "Buddy scheme", "policy_area": "Inclusion", "description": "Pairs residents"}


def _support_group_member(o, a):
    return {"name": "Amina", "organisation": "Migrant association", "stakeholder_type": "migrant_representative",
            "consent": "on", "consent_given_on": _later(-1)}


def _action(prefix=""):
    return lambda o, a: {"version": str(o["action"].version), f"{prefix}action": "A buddy scheme for newcomers",
                         f"{prefix}results": "Fifty pairs"}


PAYLOADS = {
    "network_invite": lambda o, a: {"email": "newcomer@a.example", "role": "member", "language": "en"},
    "network_settings": lambda o, a: {"name": "Network A, renamed", "languages": ["en", "it"]},
    "network_change_role": lambda o, a: {f"m{o['membership'].pk}-role": "coordinator"},
    "directory_association_new": _association,
    "directory_association_edit": _association,
    "directory_association_contact_new": _contact,
    "directory_city_new": _city,
    "directory_city_edit": _city,
    "directory_city_contact_new": _contact,
    "directory_contact_edit": _contact,
    "directory_city_representative_add": lambda o, a: {"user": a["member"].pk, "speaks_for": "city"},
    "programme_create": _programme,
    "programme_edit": _programme,
    "milestone_create": lambda o, a: {"kind": "visit", "visit_number": "1", "due_date": _later(60)},
    "milestone_edit": lambda o, a: {"kind": "training", "due_date": _later(70)},
    "milestone_record": lambda o, a: {"done": "1"},
    "facilitator_add": lambda o, a: {"user": a["facilitator elsewhere"].pk},
    "mentorship_create": _mentorship,
    "mentorship_edit": _mentorship,
    "mentorship_content": lambda o, a: {"private_notes": "The mayor hesitates.", "shared_summary": "On track"},
    "participant_invite": lambda o, a: {"email": "newcomer@a.example", "role": "observer", "language": "en"},
    "benchmark_create": lambda o, a: {"title": "Language learning", "policy_area": "Languages", "language": "en"},
    "benchmark_edit": lambda o, a: {"title": "Language learning", "policy_area": "Languages", "language": "en"},
    "benchmark_import": lambda o, a: {"file": _exported_benchmark()},
    "benchmark_install_shipped": lambda o, a: {"language": "en"},
    "key_factor_create": lambda o, a: {"title": "Volunteering", "rationale": "Reaches migrants"},
    "key_factor_edit": lambda o, a: {"title": "Volunteering", "rationale": "Reaches migrants"},
    "key_factor_move": lambda o, a: {"direction": "down"},
    "context_factor_create": lambda o, a: {"title": "National law"},
    "context_factor_edit": lambda o, a: {"title": "National law"},
    "self_assessment_start": lambda o, a: {"round": "final"},
    "self_assessment_rate": lambda o, a: {"level": "2", "evidence": "Two volunteer cafés"},
    "self_assessment_context": lambda o, a: {f"weighs_{o['context_weight'].pk}": "on",
                                             f"note_{o['context_weight'].pk}": "National law limits it"},
    "self_assessment_comment": lambda o, a: {"text": "Which cafés?"},
    "support_group": _support_group_member,
    "support_group_member_edit": _support_group_member,
    "needs_analysis_answer": lambda o, a: {"version": "0", "text": "Newcomers are isolated"},
    "needs_analysis_comment": lambda o, a: {"text": "Which evidence?"},
    "needs_analysis_submit": lambda o, a: {"label": "First draft"},
    "mentor_strengths_answer": lambda o, a: {"version": "0", "choice": ["volunteering"]},
    "mentor_strengths_comment": lambda o, a: {"text": "Which results?"},
    "mentor_strengths_submit": lambda o, a: {"label": "Before matching"},
    "programme_template_question_add": lambda o, a: {"text": "Who else?", "kind": "long_text",
                                                     "max_length": "2000"},
    "programme_template_question_edit": lambda o, a: {"text": "Who else?", "kind": "long_text",
                                                      "max_length": "2000"},
    "action_add": _action(),
    "action_edit": lambda o, a: _action(f"action-{o['action'].pk}-")(o, a),
    "action_progress": lambda o, a: {"progress": "on_track", "progress_note": "Ten pairs"},
    "action_comment": lambda o, a: {"text": "Which partners?"},
    "good_practice_create": _good_practice,
    "good_practice_edit": _good_practice,
    "reminder_rules": lambda o, a: {"target": "visits", "offsets": "7d"},
    "visit_create": _visit("setup"),
    "visit_edit": _visit("setup"),
    "visit_agenda_add": _agenda,
    "visit_agenda_edit": _agenda,
    "visit_participants": lambda o, a: {"user": [a["mentee team"].pk, a["mentor team"].pk]},
    "visit_attendance": lambda o, a: {"attended": [a["mentee team"].pk]},
    "visit_report": lambda o, a: {"learned": "The buddy scheme needs a coordinator", "shared": "on"},
    "visit_follow_up_add": lambda o, a: {"text": "Send the minutes", "owner": "Giulia", "due_on": _later(5)},
    "training_create": _visit("training"),
    "training_edit": _visit("training"),
    "training_agenda_add": _agenda,
    "training_agenda_edit": _agenda,
    "training_participants": lambda o, a: {"user": [a["mentee team"].pk]},
    "training_attendance": lambda o, a: {"attended": [a["mentee team"].pk]},
    "training_report": lambda o, a: {"learned": "Roles are clear", "shared": "on"},
    "training_follow_up_add": lambda o, a: {"text": "Share the slides", "owner": "Fabio", "due_on": _later(5)},
}
