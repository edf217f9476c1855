from django.urls import path

from . import good_practice_views, views

urlpatterns = [
    path("mentorships/<int:pk>/needs-analysis/", views.needs_analysis, name="needs_analysis"),
    path("mentorships/<int:pk>/needs-analysis/start/", views.start, name="needs_analysis_start"),
    path("mentorships/<int:pk>/needs-analysis/answers/<int:question_pk>/", views.save_answer,
         name="needs_analysis_answer"),
    path("mentorships/<int:pk>/needs-analysis/questions/<int:question_pk>/comments/", views.add_comment,
         name="needs_analysis_comment"),
    path("mentorships/<int:pk>/needs-analysis/comments/<int:comment_pk>/resolve/", views.resolve_comment,
         name="needs_analysis_resolve"),
    path("mentorships/<int:pk>/needs-analysis/submit/", views.submit, name="needs_analysis_submit"),
    path("mentorships/<int:pk>/needs-analysis/compare/", views.compare, name="needs_analysis_compare"),
    path("good-practices/", good_practice_views.library, name="good_practice_list"),
    path("good-practices/new/", good_practice_views.edit, name="good_practice_create"),
    path("good-practices/<int:pk>/", good_practice_views.detail, name="good_practice_detail"),
    path("good-practices/<int:pk>/edit/", good_practice_views.edit, name="good_practice_edit"),
]
