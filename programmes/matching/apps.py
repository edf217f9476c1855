from django.apps import AppConfig


class MatchingConfig(AppConfig):
    """The matching assistant (METHOD.md, "Matching"): candidate mentor cities for a mentee,
    ranked on the guide's three criteria from the needs analysis, the mentor profiles, the good
    practices and the self-assessment; the coordinator chooses."""

    name = "programmes.matching"
    verbose_name = "Matching"
