"""The one error of backups and restores. Its message is read by the operator running the command,
in English like the command's help, so it is not translated: one line that says what to do."""


class BackupError(Exception):
    """A backup or a restore that cannot be done, or an archive that cannot be trusted."""
