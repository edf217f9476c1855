from django.apps import AppConfig


class OverviewConfig(AppConfig):
    """The top floor: the pages that combine many apps (a network's home page, a programme's
    dashboard) and the demo data that fills them all. Nothing imports it but the project's URLs."""

    name = "programmes.overview"
    verbose_name = "Overview pages"
