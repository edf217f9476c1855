from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportGroupsConfig(AppConfig):
    name = "programmes.supportgroups"
    label = "supportgroups"
    verbose_name = _("Local support groups")
