from django.urls import path

from . import views
from .calendar import views as calendar_views
from .reminders import views as reminder_views


def visit_urls(prefix, name, where):
    """The same pages for a mentorship's visits and a programme's training sessions."""
    kw = {"where": where}
    visit = f"{prefix}/<id:visit_pk>"
    return [
        path(f"{prefix}/", views.visit_list, kw, name=f"{name}_list"),
        path(f"{prefix}/new/", views.visit_create, kw, name=f"{name}_create"),
        path(f"{visit}/", views.visit_detail, kw, name=f"{name}_detail"),
        path(f"{visit}/edit/", views.visit_edit, kw, name=f"{name}_edit"),
        path(f"{visit}/status/<str:status>/", views.visit_status, kw, name=f"{name}_status"),
        path(f"{visit}/calendar.ics", views.visit_ics, kw, name=f"{name}_ics"),
        path(f"{visit}/agenda/new/", views.agenda_item, kw, name=f"{name}_agenda_add"),
        path(f"{visit}/agenda/<id:item_pk>/", views.agenda_item, kw, name=f"{name}_agenda_edit"),
        path(f"{visit}/agenda/<id:item_pk>/delete/", views.agenda_delete, kw, name=f"{name}_agenda_delete"),
        path(f"{visit}/participants/", views.participants, kw, name=f"{name}_participants"),
        path(f"{visit}/attendance/", views.attendance, kw, name=f"{name}_attendance"),
        path(f"{visit}/report/", views.report, kw, name=f"{name}_report"),
        path(f"{visit}/follow-ups/", views.follow_up_add, kw, name=f"{name}_follow_up_add"),
        path(f"{visit}/follow-ups/<id:follow_up_pk>/done/", views.follow_up_done, kw, name=f"{name}_follow_up_done"),
    ]


urlpatterns = [
    *visit_urls("mentorships/<id:pk>/visits", "visit", "mentorship"),
    *visit_urls("programmes/<id:pk>/training", "training", "programme"),
    path("programmes/<id:pk>/reminders/", reminder_views.rules_page, name="reminder_rules"),
    path("programmes/<id:pk>/reminders/<id:rule_pk>/delete/", reminder_views.rule_delete,
         name="reminder_rule_delete"),
]

# Outside any network: one feed lists the person's visits in every network.
feed_urlpatterns = [
    path("calendar/<str:token>.ics", calendar_views.feed, name="calendar_feed"),
    path("accounts/calendar/", calendar_views.feed_settings, name="calendar_settings"),
]
