"""Benchmark pages, under /<network>/benchmarks/."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.benchmark_list, name="benchmark_list"),
    path("new/", views.benchmark_create, name="benchmark_create"),
    path("import/", views.benchmark_import, name="benchmark_import"),
    path("guide-example/", views.benchmark_install_shipped, name="benchmark_install_shipped"),
    path("<id:pk>/", views.benchmark_detail, name="benchmark_detail"),
    path("<id:pk>/edit/", views.benchmark_edit, name="benchmark_edit"),
    path("<id:pk>/publish/", views.benchmark_publish, name="benchmark_publish"),
    path("<id:pk>/new-draft/", views.benchmark_new_draft, name="benchmark_new_draft"),
    path("<id:pk>/export.json", views.benchmark_export, name="benchmark_export"),
    path("<id:benchmark_pk>/key-factors/new/", views.key_factor_edit, name="key_factor_create"),
    path("<id:benchmark_pk>/key-factors/<id:pk>/edit/", views.key_factor_edit, name="key_factor_edit"),
    path("<id:benchmark_pk>/key-factors/<id:pk>/delete/", views.key_factor_delete, name="key_factor_delete"),
    path("<id:benchmark_pk>/key-factors/<id:pk>/move/", views.key_factor_move, name="key_factor_move"),
    path("<id:benchmark_pk>/context-factors/new/", views.context_factor_edit, name="context_factor_create"),
    path("<id:benchmark_pk>/context-factors/<id:pk>/edit/", views.context_factor_edit, name="context_factor_edit"),
    path("<id:benchmark_pk>/context-factors/<id:pk>/delete/", views.context_factor_delete,
         name="context_factor_delete"),
]
