"""manage.py restore ARCHIVE: a backup back into a new, empty database and the file storage.

Stop web, worker and beat first and point DATABASE_URL at an empty database: see
docs/operations.md, Restore. The archive is checked whole before anything is written."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from programmes.tenancy import backups


def _count(number, thing):
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database and the file storage (docs/operations.md)."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="A mentoring-backup-….tar written by `manage.py backup`")

    def handle(self, *args, archive, **options):
        try:
            restored = backups.restore(archive, database=settings.DATABASES[DEFAULT_DB_ALIAS], storage=default_storage,
                                       known_migrations=backups.code_migrations())
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Restored {archive.name} (made {restored.created_at:%Y-%m-%d %H:%M} UTC by version {restored.app_version}): "
            f"{_count(restored.networks, 'network')}, {_count(restored.files, 'file')}."))
        self.stdout.write("Next: run `manage.py migrate` (it adds what a newer version needs), "
                          "then start web, worker and beat.")
