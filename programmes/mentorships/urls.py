"""Programme and mentorship pages, under /<network>/."""

from django.urls import path

from . import matching_views, views

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/dashboard.csv", views.dashboard_csv, name="programme_dashboard_csv"),
    path("programmes/<int:programme_pk>/milestones/new/", views.milestone_edit, name="milestone_create"),
    path("programmes/<int:programme_pk>/milestones/<int:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("programmes/<int:programme_pk>/milestones/<int:pk>/delete/", views.milestone_delete, name="milestone_delete"),
    path("programmes/<int:pk>/facilitators/add/", views.facilitator_add, name="facilitator_add"),
    path("programmes/<int:programme_pk>/facilitators/<int:pk>/remove/", views.facilitator_remove,
         name="facilitator_remove"),
    path("programmes/<int:programme_pk>/mentorships/new/", views.mentorship_create, name="mentorship_create"),
    path("programmes/<int:pk>/matching/", matching_views.programme_matching, name="programme_matching"),
    path("mentorships/<int:pk>/matching/", matching_views.mentorship_matching, name="mentorship_matching"),
    path("mentorships/<int:pk>/matching/<int:city_pk>/choose/", matching_views.choose_mentor,
         name="mentorship_choose_mentor"),
    path("mentorships/<int:pk>/", views.mentorship_detail, name="mentorship_detail"),
    path("mentorships/<int:pk>/edit/", views.mentorship_edit, name="mentorship_edit"),
    path("mentorships/<int:pk>/notes/", views.mentorship_content, name="mentorship_content"),
    path("mentorships/<int:pk>/milestones/<int:milestone_pk>/", views.milestone_record, name="milestone_record"),
    path("mentorships/<int:pk>/participants/invite/", views.participant_invite, name="participant_invite"),
    path("mentorships/<int:pk>/participants/<int:participant_pk>/remove/", views.participant_remove,
         name="participant_remove"),
]
