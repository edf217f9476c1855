from django.apps import AppConfig


class PerfConfig(AppConfig):
    name = "programmes.perf"
    verbose_name = "Performance benchmark"
