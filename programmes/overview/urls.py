"""The overview pages, under /<network>/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.network_home, name="network_home"),
    path("programmes/<id:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<id:pk>/dashboard.csv", views.dashboard_csv, name="programme_dashboard_csv"),
]
