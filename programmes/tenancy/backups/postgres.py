"""PostgreSQL through its own tools, pg_dump and pg_restore, and a few questions asked with psycopg.

Functions take Django's settings dict of a database (`settings.DATABASES["default"]`), so a test
can point them at a database Django is not connected to. The tools get the connection from the
environment (PGHOST, PGPASSWORD, …), never from their command line, where `ps` would show the
password to everyone on the machine.
"""

import os
import subprocess

import psycopg
from psycopg import sql

from .errors import BackupError

ENGINE = "django.db.backends.postgresql"

# Django's keys of a database and the libpq keywords they are.
_SETTINGS = {"HOST": "host", "PORT": "port", "USER": "user", "PASSWORD": "password", "NAME": "dbname"}
# libpq keywords Django passes through OPTIONS, with the variables the command-line tools read.
_ENVIRONMENT = {
    "host": "PGHOST", "port": "PGPORT", "user": "PGUSER", "password": "PGPASSWORD", "dbname": "PGDATABASE",
    "sslmode": "PGSSLMODE", "sslrootcert": "PGSSLROOTCERT", "sslcert": "PGSSLCERT", "sslkey": "PGSSLKEY",
    "sslpassword": "PGSSLPASSWORD", "service": "PGSERVICE", "passfile": "PGPASSFILE",
    "connect_timeout": "PGCONNECT_TIMEOUT", "options": "PGOPTIONS", "target_session_attrs": "PGTARGETSESSIONATTRS",
}


def require_postgresql(database, what):
    if database.get("ENGINE") != ENGINE:
        raise BackupError(f"{what} needs PostgreSQL; on the embedded default copy var/ instead")


def _keywords(database):
    """The libpq connection keywords of a Django database; what is not set stays libpq's default
    (its own PG* variables included), exactly as Django's connection sees it."""
    keywords = {keyword: str(database[key]) for key, keyword in _SETTINGS.items() if database.get(key)}
    for option, value in (database.get("OPTIONS") or {}).items():
        if option in _ENVIRONMENT and value not in (None, ""):
            keywords[option] = str(value)
    return keywords


def tool_environment(database):
    """The process environment with the database's connection in PG* variables."""
    return {**os.environ, **{_ENVIRONMENT[keyword]: value for keyword, value in _keywords(database).items()}}


def _run(tool, arguments, database):
    try:
        result = subprocess.run([tool, *arguments], env=tool_environment(database), capture_output=True, text=True,
                                check=False)
    except FileNotFoundError:
        raise BackupError(f"{tool} is not installed: install PostgreSQL's client tools of at least the server's "
                          "version (Debian: apt-get install postgresql-client)") from None
    if result.returncode != 0:
        lines = [line.strip() for line in result.stderr.splitlines() if line.strip()]
        reason = next((line for line in lines if "error" in line), lines[-1] if lines else f"exit {result.returncode}")
        raise BackupError(f"{tool} failed: {reason}")


def dump(database, path):
    """The whole database in pg_dump's custom format (compressed, restored table by table), without
    owners or grants, so it restores under whatever role the operator's new database has."""
    _run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", f"--file={path}"], database)


def load(database, path):
    """Restore a dump into the database in one transaction: on any error nothing stays behind and
    the same empty database can be used again."""
    _run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                        f"--dbname={database['NAME']}", str(path)], database)


def _connect(database):
    try:
        return psycopg.connect(**_keywords(database), autocommit=True)
    except psycopg.OperationalError as error:
        reason = str(error).strip().splitlines()[-1] if str(error).strip() else error.__class__.__name__
        raise BackupError(f"cannot connect to database {database.get('NAME')!r}: {reason}") from None


def applied_migrations(database):
    """The latest applied migration of each app, in the order they were applied."""
    with _connect(database) as connection:
        rows = connection.execute("SELECT app, name FROM django_migrations ORDER BY applied, id").fetchall()
    return dict(rows)


def require_empty(database):
    """A restore writes every table: into a database that has any, it would mix two sites' data or
    fail half-way. The operator creates a new, empty database instead; there is no override."""
    with _connect(database) as connection:
        tables = connection.execute(
            "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()[0]
    if tables:
        raise BackupError(f"database {database.get('NAME')!r} is not empty ({tables} tables): restore only into a "
                          "new, empty database (docs/operations.md, Restore)")


def count_rows(database, table):
    with _connect(database) as connection:
        return connection.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()[0]
