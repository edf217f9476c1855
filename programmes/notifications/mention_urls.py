"""Included under "<slug:network>/" in mentoring/urls.py."""

from django.urls import path

from . import mention_views

urlpatterns = [
    path("mentorships/<id:pk>/mention-candidates/", mention_views.mention_candidates,
         name="mentorship_mention_candidates"),
]
