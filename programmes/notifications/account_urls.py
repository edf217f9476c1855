"""A person's own pages, outside any network: how they are told, and one-click unsubscribe."""

from django.urls import path

from . import preferences

urlpatterns = [
    path("notifications/", preferences.preferences, name="notification_preferences"),
    path("notifications/unsubscribe/<str:token>/", preferences.unsubscribe, name="notification_unsubscribe"),
]
