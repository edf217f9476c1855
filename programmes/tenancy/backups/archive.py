"""One backup archive: a plain tar holding `database.dump`, the stored files under `files/` and,
written last, `manifest.json` with the sha256 of every other member.

The manifest comes last so that an archive cut short (a full disk, a copy interrupted) has none
and is refused; the checksums catch a member changed or damaged after it was written. The dump
and PDFs are compressed already, so the tar itself is not.

Stored files are read and written through Django's generic Storage API only (listdir, open, save,
exists, delete): the same code backs up a local folder and an S3-compatible bucket.
"""

import hashlib
import io
import json
import os
import posixpath
import tarfile
import tempfile
from datetime import datetime
from pathlib import Path, PurePosixPath

from django.core.files import File

from .errors import BackupError

FORMAT = "mentoring-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.dump"
FILES = "files/"
PREFIX = "mentoring-backup-"
_CHUNK = 1024 * 1024


def _kept(name):
    """A dot-name is a write in progress (the folder storage's `.….part` file, renamed into place
    when complete), never a file the site refers to."""
    return name not in ("", ".") and not name.startswith(".")


def stored_files(storage, folder=""):
    """Every file name in `storage`, folder by folder, in a stable order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local storage whose folder nothing has been written to yet
        return
    for name in sorted(files):
        if _kept(name):
            yield posixpath.join(folder, name) if folder else name
    for name in sorted(folders):
        if _kept(name):
            yield from stored_files(storage, posixpath.join(folder, name) if folder else name)


def archive_name(created_at):
    return f"{PREFIX}{created_at:%Y-%m-%dT%H%MZ}.tar"


def _free_path(folder, created_at):
    """The dated name; a second backup within the same minute gets -2, -3, … rather than replacing it."""
    path = folder / archive_name(created_at)
    number = 2
    while path.exists():
        path = folder / f"{archive_name(created_at)[:-4]}-{number}.tar"
        number += 1
    return path


def _copy(source, target):
    """Copy an open file into another, returning (sha256, size)."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(_CHUNK):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


class _Writer:
    """Adds members to an open tar and remembers their checksums for the manifest."""

    def __init__(self, tar, mtime, scratch):
        self.tar, self.mtime, self.scratch, self.members = tar, mtime, scratch, {}

    def add(self, name, source):
        # The size goes in the header before the data: the member is spooled to a scratch file
        # first, so the size is what was read, even if the stored file changes meanwhile.
        with tempfile.TemporaryFile(dir=self.scratch) as spool:
            sha256, size = _copy(source, spool)
            spool.seek(0)
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = size, self.mtime, 0o600
            self.tar.addfile(info, spool)
        self.members[name] = {"sha256": sha256, "size": size}

    def add_bytes(self, name, data):
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = len(data), self.mtime, 0o600
        self.tar.addfile(info, io.BytesIO(data))


def _add_stored(writer, storage, name):
    """Add one stored file; one deleted since the listing (the hourly clean-up of expired PDFs
    runs meanwhile) is left out, whichever error its storage raises for a missing file."""
    try:
        with storage.open(name, "rb") as source:
            writer.add(FILES + name, source)
    except Exception:
        if storage.exists(name):
            raise


def _owner_only(path, flags):
    return os.open(path, flags, 0o600)


def write(folder, *, dump, storage, created_at, app_version, migrations, scratch):
    """Write the archive into `folder` and return (its path, the number of stored files).

    It is written under a hidden `.….partial` name and renamed when complete, so an archive with
    the dated name is always whole; it is readable by its owner only (it holds every network's data).
    `scratch` is a folder for spooling members, best on the same disk.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = _free_path(folder, created_at)
    partial = path.with_name(f".{path.name}.partial")
    try:
        with open(partial, "wb", opener=_owner_only) as output:
            with tarfile.open(fileobj=output, mode="w", format=tarfile.PAX_FORMAT) as tar:
                writer = _Writer(tar, created_at.timestamp(), scratch)
                with open(dump, "rb") as source:
                    writer.add(DATABASE, source)
                for name in stored_files(storage):
                    _add_stored(writer, storage, name)
                files = sum(1 for name in writer.members if name.startswith(FILES))
                manifest = {
                    "format": FORMAT, "format_version": FORMAT_VERSION,
                    "created_at": created_at.isoformat(), "app_version": app_version,
                    "migrations": migrations, "file_count": files, "members": writer.members,
                }
                writer.add_bytes(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode())
            output.flush()
            os.fsync(output.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path, files


def _member_name_is_safe(name):
    parts = PurePosixPath(name).parts
    return (name == DATABASE or name.startswith(FILES)) and not name.startswith("/") and ".." not in parts \
        and "\\" not in name and name != FILES


def _damaged(path, why):
    return BackupError(f"{path.name} is damaged or incomplete ({why}): it cannot be restored, use another backup")


def _read_manifest(path, tar):
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise _damaged(path, "no manifest.json") from None
    try:
        manifest = json.loads(tar.extractfile(member).read())
    except ValueError:
        raise _damaged(path, "manifest.json is not JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path.name} is not a mentoring backup (its manifest.json says nothing of one)")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{path.name} has backup format {manifest.get('format_version')!r}; this version reads "
                          f"{FORMAT_VERSION}: restore it with the version that made it ({manifest.get('app_version')})")
    members = manifest.get("members")
    if not isinstance(members, dict) or DATABASE not in members or not isinstance(manifest.get("migrations"), dict):
        raise _damaged(path, "manifest.json lists no database")
    try:
        datetime.fromisoformat(manifest.get("created_at"))
    except (TypeError, ValueError):
        raise _damaged(path, "manifest.json has no date") from None
    if manifest.get("file_count") != sum(1 for name in members if name.startswith(FILES)):
        raise _damaged(path, "manifest.json counts another number of files than it lists")
    return manifest


def verify(path):
    """The manifest of the archive at `path`, once every member has been read and matched its checksum.
    Nothing is restored from an archive before this has passed."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such archive")
    try:
        with tarfile.open(path, mode="r:") as tar:
            manifest = _read_manifest(path, tar)
            listed = manifest["members"]
            found = {member.name: member for member in tar.getmembers() if member.name != MANIFEST}
            if set(found) != set(listed):
                missing, extra = sorted(set(listed) - set(found)), sorted(set(found) - set(listed))
                raise _damaged(path, f"missing {missing[:3]}" if missing else f"not in the manifest: {extra[:3]}")
            for name, member in found.items():
                if not member.isfile() or not _member_name_is_safe(name):
                    raise _damaged(path, f"unexpected member {name!r}")
                digest = hashlib.sha256()
                source = tar.extractfile(member)
                while chunk := source.read(_CHUNK):
                    digest.update(chunk)
                if digest.hexdigest() != listed[name].get("sha256"):
                    raise _damaged(path, f"{name} does not match its checksum")
    except (tarfile.TarError, EOFError) as error:
        raise _damaged(path, str(error) or error.__class__.__name__) from None
    return manifest


def extract_database(path, folder):
    """Write the archive's database dump into `folder`; return its path."""
    target = Path(folder) / DATABASE
    with tarfile.open(path, mode="r:") as tar, open(target, "wb") as output:
        _copy(tar.extractfile(DATABASE), output)
    return target


def restore_files(path, storage):
    """Write every stored file of the archive back into `storage` under its own name (the database
    refers to files by name): a file of that name already there is replaced. Returns the count."""
    count = 0
    with tarfile.open(path, mode="r:") as tar:
        for member in tar:
            if not member.name.startswith(FILES):
                continue
            name = member.name[len(FILES):]
            if storage.exists(name):
                storage.delete(name)
            content = File(tar.extractfile(member), name=posixpath.basename(name))
            content.size = member.size
            saved = storage.save(name, content)
            if saved != name:
                raise BackupError(f"the storage saved {name} as {saved}: restore into an empty storage")
            count += 1
    return count
