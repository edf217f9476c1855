from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "programmes.visits"
    label = "visits"
    verbose_name = _("Visits and meetings")

    def ready(self):
        # A new programme gets the method's reminder rules (mentorships may not import visits).
        from programmes.mentorships.signals import programme_created

        from .services import default_rules_for_new_programme

        programme_created.connect(default_rules_for_new_programme, dispatch_uid="visits.default_rules")
