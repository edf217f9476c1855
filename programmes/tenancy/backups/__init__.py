"""Backup and restore of a whole site: its PostgreSQL database and every stored file (rendered
PDFs), in one dated archive (docs/operations.md, Backup and Restore).

The functions take values — a database settings dict, a storage, paths — so the management
commands `backup` and `restore` stay thin and tests can restore into a database and a storage
Django is not configured with.
"""

import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

from programmes.tenancy.models import Network

from . import archive, postgres
from .errors import BackupError

__all__ = ["BackupError", "Restored", "Written", "backup", "code_migrations", "restore"]


@dataclass(frozen=True)
class Written:
    path: Path
    files: int


@dataclass(frozen=True)
class Restored:
    created_at: datetime
    app_version: str
    networks: int
    files: int


def app_version():
    try:
        return metadata.version("mentoring")
    except metadata.PackageNotFoundError:
        return "unknown"


def backup(*, database, storage, folder, now=None):
    """Dump `database` and copy every file of `storage` into a new archive in `folder`."""
    postgres.require_postgresql(database, "backup")
    created_at = (now or datetime.now(UTC)).astimezone(UTC)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=folder) as scratch:
        dump = Path(scratch) / archive.DATABASE
        postgres.dump(database, dump)
        path, files = archive.write(folder, dump=dump, storage=storage, created_at=created_at, scratch=scratch,
                                    app_version=app_version(), migrations=postgres.applied_migrations(database))
    return Written(path=path, files=files)


def code_migrations():
    """(app, migration name) of every migration this version of the code has."""
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _require_known(manifest, known):
    """An archive made by a newer version holds tables this code does not know: refuse it, the
    operator restores with the image that made it (and upgrades afterwards)."""
    unknown = sorted(f"{app}.{name}" for app, name in manifest["migrations"].items() if (app, name) not in known)
    if unknown:
        raise BackupError(f"the backup was made by a newer version ({manifest.get('app_version')}: migration "
                          f"{unknown[0]} is unknown here): restore it with that version's image")


def restore(path, *, database, storage, known_migrations=None):
    """Restore the archive at `path` into the empty `database` and its files into `storage`.

    Everything is checked before anything is written: the archive against its manifest, the
    migrations against `known_migrations` when given, and the database for being empty."""
    postgres.require_postgresql(database, "restore")
    manifest = archive.verify(path)
    if known_migrations is not None:
        _require_known(manifest, known_migrations)
    postgres.require_empty(database)
    with tempfile.TemporaryDirectory(prefix="mentoring-restore-") as scratch:
        postgres.load(database, archive.extract_database(path, scratch))
    files = archive.restore_files(path, storage)
    return Restored(created_at=datetime.fromisoformat(manifest["created_at"]), app_version=manifest.get("app_version", "unknown"),
                    networks=postgres.count_rows(database, Network._meta.db_table), files=files)
