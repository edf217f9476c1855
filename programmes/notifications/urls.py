from django.urls import path

from . import views

urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.mark_all_read, name="notifications_all_read"),
    path("notifications/<id:pk>/", views.open_notification, name="notification_open"),
    path("notifications/<id:pk>/read/", views.mark_read, name="notification_read"),
]
