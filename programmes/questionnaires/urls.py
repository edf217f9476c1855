from django.urls import path

from . import views

urlpatterns = [
    path("mentorships/<int:pk>/needs-analysis/", views.needs_analysis, name="needs_analysis"),
    path("mentorships/<int:pk>/needs-analysis/start/", views.start, name="needs_analysis_start"),
    path("mentorships/<int:pk>/needs-analysis/answers/<int:question_pk>/", views.save_answer,
         name="needs_analysis_answer"),
]
