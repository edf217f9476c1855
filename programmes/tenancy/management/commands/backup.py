"""manage.py backup [--output DIR]: the database and every stored file in one dated archive.

The folder defaults to settings.BACKUP_DIR, else VAR_DIR/backups. See docs/operations.md, Backup."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from programmes.tenancy import backups


def default_folder():
    return Path(getattr(settings, "BACKUP_DIR", settings.VAR_DIR / "backups"))


class Command(BaseCommand):
    help = "Write the database (pg_dump) and every stored file into one dated archive (docs/operations.md)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None,
                            help="Folder for the archive (default: BACKUP_DIR, else VAR_DIR/backups)")

    def handle(self, *args, output, **options):
        try:
            written = backups.backup(database=settings.DATABASES[DEFAULT_DB_ALIAS], storage=default_storage,
                                     folder=output or default_folder())
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        size = written.path.stat().st_size
        files = "1 file" if written.files == 1 else f"{written.files} files"
        self.stdout.write(self.style.SUCCESS(f"Wrote {written.path} ({size / 1_000_000:.1f} MB: the database and {files})"))
