"""Programme and mentorship pages, under /<network>/."""

from django.urls import path

from . import views

urlpatterns = [
    path("programmes/", views.programme_list, name="programme_list"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path("programmes/<id:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<id:programme_pk>/milestones/new/", views.milestone_edit, name="milestone_create"),
    path("programmes/<id:programme_pk>/milestones/<id:pk>/edit/", views.milestone_edit, name="milestone_edit"),
    path("programmes/<id:programme_pk>/milestones/<id:pk>/delete/", views.milestone_delete, name="milestone_delete"),
    path("programmes/<id:pk>/facilitators/add/", views.facilitator_add, name="facilitator_add"),
    path("programmes/<id:programme_pk>/facilitators/<id:pk>/remove/", views.facilitator_remove,
         name="facilitator_remove"),
    path("programmes/<id:programme_pk>/mentorships/new/", views.mentorship_create, name="mentorship_create"),
    path("mentorships/<id:pk>/", views.mentorship_detail, name="mentorship_detail"),
    path("mentorships/<id:pk>/edit/", views.mentorship_edit, name="mentorship_edit"),
    path("mentorships/<id:pk>/notes/", views.mentorship_content, name="mentorship_content"),
    path("mentorships/<id:pk>/milestones/<id:milestone_pk>/", views.milestone_record, name="milestone_record"),
    path("mentorships/<id:pk>/participants/invite/", views.participant_invite, name="participant_invite"),
    path("mentorships/<id:pk>/participants/<id:participant_pk>/remove/", views.participant_remove,
         name="participant_remove"),
]
