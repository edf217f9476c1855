"""Where rendered PDFs are kept: Django's default storage (STORAGES["default"]), never a path.

The worker that writes a PDF and the web process that serves it may run in different containers
(docker compose): all they share is the storage, a folder both mount or an S3 bucket
(mentoring/settings.py picks S3 when AWS_STORAGE_BUCKET_NAME is set). Every read, write, check
and deletion of a PDF goes through the four functions here, so that nothing else in the app
assumes a local disk. Names are relative ("pdfs/<network>/<token>.pdf"), as the job rows keep
them.

Nobody may download half a PDF: S3 shows an object only once its upload is complete, and the
embedded folder storage below writes a temporary file next to the final one and renames it into
place, so a reader gets the old file or the whole new one.
"""

import contextlib
import os
import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils._os import safe_makedirs


class AtomicFileSystemStorage(FileSystemStorage):
    """FileSystemStorage (MEDIA_ROOT unless given a location) whose writes are atomic and whose
    names are kept: saving under an existing name replaces that file (a version's PDF rendered
    again after its file was lost) instead of inventing "name_a1b2c3.pdf", which the row would
    not know about.

    Django's own `allow_overwrite` (5.1+) keeps the name but truncates and rewrites the file in
    place, which a download running at that moment would read half-written; hence `_save` here:
    a temporary file in the same folder (same file system, so the rename is atomic), then
    os.replace."""

    def __init__(self, **kwargs):
        kwargs.setdefault("allow_overwrite", True)
        super().__init__(**kwargs)

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        if self.directory_permissions_mode is not None:
            safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
        else:
            os.makedirs(directory, exist_ok=True)
        # A dot-name beside the final file: never taken for a PDF, and created with the same
        # permissions (0o666 less the umask) as Django gives the files it writes.
        temporary = os.path.join(directory, f".{os.path.basename(full_path)}.{secrets.token_hex(8)}.part")
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            with os.fdopen(handle, "wb") as file:
                for chunk in content.chunks():
                    file.write(chunk if isinstance(chunk, bytes) else chunk.encode())
            if self.file_permissions_mode is not None:
                os.chmod(temporary, self.file_permissions_mode)
            os.replace(temporary, full_path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.remove(temporary)
            raise
        return os.path.relpath(full_path, self.location).replace("\\", "/")


def save_pdf(relative, content):
    """Store the bytes under this name, replacing any file of that name; returns the name the
    storage kept, which is what the row must say."""
    return default_storage.save(str(relative), ContentFile(content))


def exists(relative):
    """Whether the named PDF is in storage (an empty name is nothing)."""
    return bool(relative) and default_storage.exists(str(relative))


def open_pdf(relative):
    """The stored PDF opened for reading (a Django File, for FileResponse to stream and close);
    FileNotFoundError if it is not there."""
    if not relative:
        raise FileNotFoundError("no PDF named")
    return default_storage.open(str(relative), "rb")


def delete(relative):
    """Delete the named PDF; nothing happens if it is already gone."""
    if relative:
        default_storage.delete(str(relative))
