"""Network pages, mounted under /<network>/ by mentoring/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("members/", views.members, name="network_members"),
    path("members/invite/", views.invite, name="network_invite"),
    path("members/<id:pk>/role/", views.change_role, name="network_change_role"),
    path("members/<id:pk>/remove/", views.remove_member, name="network_remove_member"),
    path("invitations/<id:pk>/resend/", views.resend_invitation, name="network_resend_invitation"),
    path("invitations/<id:pk>/revoke/", views.revoke_invitation, name="network_revoke_invitation"),
    path("settings/", views.network_settings, name="network_settings"),
]
