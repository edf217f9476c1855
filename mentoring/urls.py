"""Top-level URLs. Network pages live under /<network>/ (see programmes/tenancy/urls.py);
every other first path segment is listed in programmes/tenancy/reserved.py."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from programmes.accounts import devmail
from programmes.accounts import views as account_views
from programmes.tenancy import health
from programmes.tenancy import views as tenancy_views
from programmes.visits.urls import feed_urlpatterns

admin.site.site_header = "City mentoring: staff administration"

urlpatterns = [
    path("", tenancy_views.start, name="start"),
    path("healthz", health.healthz, name="healthz"),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    path("accounts/", include("programmes.accounts.urls")),
    path("accounts/", include("programmes.notifications.account_urls")),
    *feed_urlpatterns,
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEV_MAIL_VIEWER:
    urlpatterns += [
        path("dev/mail/", devmail.mail_list, name="devmail_list"),
        path("dev/mail/<str:key>/", devmail.mail_detail, name="devmail_detail"),
    ]

urlpatterns += [
    path("<slug:network>/", include("programmes.overview.urls")),
    path("<slug:network>/", include("programmes.tenancy.urls")),
    path("<slug:network>/directory/", include("programmes.directory.urls")),
    path("<slug:network>/directory/", include("programmes.supportgroups.urls")),
    path("<slug:network>/", include("programmes.mentorships.urls")),
    path("<slug:network>/", include("programmes.matching.urls")),
    path("<slug:network>/benchmarks/", include("programmes.benchmarks.urls")),
    path("<slug:network>/", include("programmes.benchmarks.self_assessment.urls")),
    path("<slug:network>/", include("programmes.questionnaires.urls")),
    path("<slug:network>/", include("programmes.actionplans.urls")),
    path("<slug:network>/", include("programmes.reports.urls")),
    path("<slug:network>/", include("programmes.visits.urls")),
    path("<slug:network>/", include("programmes.notifications.urls")),
    path("<slug:network>/", include("programmes.notifications.mention_urls")),
]
