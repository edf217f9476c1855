from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenancyConfig(AppConfig):
    name = "programmes.tenancy"
    label = "tenancy"
    verbose_name = _("Networks")

    def ready(self):
        from django.urls import register_converter

        from programmes.core.ids import IdConverter

        register_converter(IdConverter, "id")  # <id:pk> in every app's URLs: ids beyond 64 bits are a 404
        from . import checks  # noqa: F401  (registers the deployment checks)
