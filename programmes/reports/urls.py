from django.urls import path

from . import views
from .models import ReportKind

urlpatterns = [
    path("mentorships/<id:pk>/action-plan/pdf/", views.request_pdf, {"kind": ReportKind.ACTION_PLAN},
         name="action_plan_pdf"),
    path("mentorships/<id:pk>/needs-analysis/pdf/", views.request_pdf, {"kind": ReportKind.NEEDS_ANALYSIS},
         name="needs_analysis_pdf"),
    path("programmes/<id:pk>/report/pdf/", views.request_pdf, {"kind": ReportKind.PROGRAMME_REPORT},
         name="programme_report_pdf"),
    path("pdfs/<id:pk>/", views.job_status, name="pdf_job"),
    path("pdfs/<id:pk>/download/", views.job_download, name="pdf_download"),
    path("pdfs/<id:pk>/retry/", views.job_retry, name="pdf_retry"),
]
