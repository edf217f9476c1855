from django.urls import path

from . import views
from .adaptation import views as adaptation_views
from .good_practices import views as good_practice_views


def questionnaire_urls(prefix, name, owner):
    """The same pages for a mentorship's needs analysis and a city's mentor strengths."""
    kwargs = {"owner": owner}
    return [
        path(f"{prefix}/", views.questionnaire, kwargs, name=name),
        path(f"{prefix}/start/", views.start, kwargs, name=f"{name}_start"),
        path(f"{prefix}/answers/<id:question_pk>/", views.save_answer, kwargs, name=f"{name}_answer"),
        path(f"{prefix}/questions/<id:question_pk>/comments/", views.add_comment, kwargs, name=f"{name}_comment"),
        path(f"{prefix}/comments/<id:comment_pk>/resolve/", views.resolve_comment, kwargs, name=f"{name}_resolve"),
        path(f"{prefix}/submit/", views.submit, kwargs, name=f"{name}_submit"),
        path(f"{prefix}/compare/", views.compare, kwargs, name=f"{name}_compare"),
    ]


urlpatterns = [
    *questionnaire_urls("mentorships/<id:pk>/needs-analysis", "needs_analysis", "mentorship"),
    *questionnaire_urls("directory/cities/<id:pk>/mentor-strengths", "mentor_strengths", "city"),
    path("programmes/<id:pk>/needs-analysis-template/", adaptation_views.overview, name="programme_template"),
    path("programmes/<id:pk>/needs-analysis-template/adapt/", adaptation_views.adapt, name="programme_template_adapt"),
    path("programmes/<id:pk>/needs-analysis-template/new-version/", adaptation_views.new_version,
         name="programme_template_new_version"),
    path("programmes/<id:pk>/needs-analysis-template/sections/<id:section_pk>/questions/new/",
         adaptation_views.question_edit, name="programme_template_question_add"),
    path("programmes/<id:pk>/needs-analysis-template/questions/<id:question_pk>/", adaptation_views.question_edit,
         name="programme_template_question_edit"),
    path("programmes/<id:pk>/needs-analysis-template/questions/<id:question_pk>/delete/",
         adaptation_views.question_delete, name="programme_template_question_delete"),
    path("good-practices/", good_practice_views.library, name="good_practice_list"),
    path("good-practices/new/", good_practice_views.edit, name="good_practice_create"),
    path("good-practices/<id:pk>/", good_practice_views.detail, name="good_practice_detail"),
    path("good-practices/<id:pk>/edit/", good_practice_views.edit, name="good_practice_edit"),
]
