from django.utils.translation import gettext_lazy as _

from programmes.core.errors import DomainError


class BenchmarkError(DomainError):
    message = _("This change to the benchmark is not possible.")


class PublishedBenchmarkError(BenchmarkError):
    message = _("This version is published and frozen. Start a new draft to change the benchmark.")


class DraftExistsError(BenchmarkError):
    message = _("A draft of this benchmark already exists: continue there.")


class EmptyBenchmarkError(BenchmarkError):
    message = _("A benchmark needs at least one key factor before it is published.")


class BenchmarkImportError(BenchmarkError):
    """The file is not a benchmark in the documented format; `problems` lists (path, reason)."""

    message = _("The file was not imported: it does not follow the benchmark format.")

    def __init__(self, problems):
        super().__init__()
        self.problems = problems
