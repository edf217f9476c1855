"""Self-assessment pages, under /<network>/."""

from django.urls import path

from . import views

urlpatterns = [
    path("mentorships/<id:pk>/self-assessment/", views.overview, name="self_assessment"),
    path("mentorships/<id:pk>/self-assessment/start/", views.start, name="self_assessment_start"),
    path("mentorships/<id:pk>/self-assessment/<str:round>/factors/<id:factor_pk>/", views.rate,
         name="self_assessment_rate"),
    path("mentorships/<id:pk>/self-assessment/<str:round>/factors/<id:factor_pk>/comments/", views.comment,
         name="self_assessment_comment"),
    path("mentorships/<id:pk>/self-assessment/<str:round>/context/", views.context, name="self_assessment_context"),
    path("mentorships/<id:pk>/self-assessment/<str:round>/complete/", views.complete,
         name="self_assessment_complete"),
    path("programmes/<id:pk>/focus-factors/", views.programme_focus, name="programme_focus"),
]
