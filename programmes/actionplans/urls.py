from django.urls import path

from . import exports, views

P = "mentorships/<id:pk>/action-plan"

urlpatterns = [
    path(f"{P}/", views.plan_page, name="action_plan"),
    path(f"{P}/actions/", views.action_add, name="action_add"),
    path(f"{P}/actions/<id:action_pk>/", views.action_row, name="action_row"),
    path(f"{P}/actions/<id:action_pk>/edit/", views.action_edit, name="action_edit"),
    path(f"{P}/actions/<id:action_pk>/delete/", views.action_delete, name="action_delete"),
    path(f"{P}/actions/<id:action_pk>/move/<str:direction>/", views.action_move, name="action_move"),
    path(f"{P}/actions/<id:action_pk>/progress/", views.progress, name="action_progress"),
    path(f"{P}/actions/<id:action_pk>/comments/", views.comment, name="action_comment"),
    path(f"{P}/status/<str:status>/", views.transition, name="action_plan_transition"),
    path(f"{P}/compare/", views.compare, name="action_plan_compare"),
    path(f"{P}/export.<str:fmt>", exports.plan_export, name="action_plan_export"),
    path("programmes/<id:pk>/action-plans.<str:fmt>", exports.programme_export, name="programme_action_plans_export"),
]
