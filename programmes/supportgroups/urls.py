from django.urls import path

from . import views

urlpatterns = [
    path("cities/<id:pk>/support-group/", views.support_group, name="support_group"),
    path("cities/<id:pk>/support-group/<id:member_pk>/edit/", views.member_edit, name="support_group_member_edit"),
    path("cities/<id:pk>/support-group/<id:member_pk>/remove/", views.member_remove,
         name="support_group_member_remove"),
]
