"""The matching pages, under /<network>/."""

from django.urls import path

from . import views

urlpatterns = [
    path("programmes/<id:pk>/matching/", views.programme_matching, name="programme_matching"),
    path("mentorships/<id:pk>/matching/", views.mentorship_matching, name="mentorship_matching"),
    path("mentorships/<id:pk>/matching/<id:city_pk>/choose/", views.choose_mentor,
         name="mentorship_choose_mentor"),
]
