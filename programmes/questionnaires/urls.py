from django.urls import path

from . import good_practice_views, views


def questionnaire_urls(prefix, name, owner):
    """The same pages for a mentorship's needs analysis and a city's mentor strengths."""
    kwargs = {"owner": owner}
    return [
        path(f"{prefix}/", views.questionnaire, kwargs, name=name),
        path(f"{prefix}/start/", views.start, kwargs, name=f"{name}_start"),
        path(f"{prefix}/answers/<int:question_pk>/", views.save_answer, kwargs, name=f"{name}_answer"),
        path(f"{prefix}/questions/<int:question_pk>/comments/", views.add_comment, kwargs, name=f"{name}_comment"),
        path(f"{prefix}/comments/<int:comment_pk>/resolve/", views.resolve_comment, kwargs, name=f"{name}_resolve"),
        path(f"{prefix}/submit/", views.submit, kwargs, name=f"{name}_submit"),
        path(f"{prefix}/compare/", views.compare, kwargs, name=f"{name}_compare"),
    ]


urlpatterns = [
    *questionnaire_urls("mentorships/<int:pk>/needs-analysis", "needs_analysis", "mentorship"),
    *questionnaire_urls("directory/cities/<int:pk>/mentor-strengths", "mentor_strengths", "city"),
    path("good-practices/", good_practice_views.library, name="good_practice_list"),
    path("good-practices/new/", good_practice_views.edit, name="good_practice_create"),
    path("good-practices/<int:pk>/", good_practice_views.detail, name="good_practice_detail"),
    path("good-practices/<int:pk>/edit/", good_practice_views.edit, name="good_practice_edit"),
]
