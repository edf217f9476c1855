"""Backup and restore (docs/operations.md): a site's database and stored files in one archive, and
back into a new, empty database.

The round trip needs PostgreSQL and its client tools (CI's second stage); the archive's own checks,
the refusal on SQLite and the storage walk run on every engine."""

import datetime
import io
import json
import os
import secrets
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django_scopes import scope, scopes_disabled
from psycopg import sql

from programmes.actionplans import services as actionplans
from programmes.actionplans.models import Action, PlanStatus, PlanVersion
from programmes.mentorships.models import Programme
from programmes.reports.storage import AtomicFileSystemStorage
from programmes.tenancy import backups
from programmes.tenancy.backups import archive, postgres
from programmes.tenancy.models import Network
from tests.factories import MentorshipFactory, NetworkFactory

ROOT = Path(__file__).resolve().parents[2]
CREATED = datetime.datetime(2026, 12, 3, 15, 30, tzinfo=datetime.UTC)
PDF = b"%PDF-1.7\n% the plan of Capaci \xe2\x80\x93 Mechelen\n"


def _require_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("backups are of PostgreSQL (CI runs the suite there too)")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        if os.environ.get("REQUIRE_SERVICES") == "true":
            pytest.fail("REQUIRE_SERVICES=true but pg_dump/pg_restore are not installed")
        pytest.skip("needs pg_dump and pg_restore (Debian: postgresql-client)")


@pytest.fixture
def on_postgresql():
    _require_postgresql()


@pytest.fixture
def empty_database(on_postgresql):
    """A new database next to the test database, as an operator creates one to restore into."""
    source = connection.settings_dict
    server = {"host": source["HOST"] or None, "port": source["PORT"] or None, "user": source["USER"] or None,
              "password": source["PASSWORD"] or None, "dbname": "postgres", "autocommit": True}
    name = f"{source['NAME']}_restored_{secrets.token_hex(3)}"
    with psycopg.connect(**server) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield {**source, "NAME": name}
    with psycopg.connect(**server) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _query(database, query, *params):
    with psycopg.connect(dbname=database["NAME"], host=database["HOST"] or None, port=database["PORT"] or None,
                         user=database["USER"] or None, password=database["PASSWORD"] or None) as db:
        return db.execute(query, params).fetchall()


def _table(model):
    return sql.Identifier(model._meta.db_table)


@pytest.fixture
def site():
    """A network with a mentorship whose action plan was marked final (one frozen version) and
    whose programme was renamed (two history rows)."""
    network = NetworkFactory(slug="capaci", name="Capaci network")
    mentorship = MentorshipFactory(network=network, title="Capaci – Mechelen")
    with scope(network=network):
        plan = actionplans.plan_for(mentorship)
        actionplans.add_action(plan, values={"action": "Δημιουργία γραφείου υποδοχής"}, by=None)
        actionplans.transition(plan, PlanStatus.FINAL, by=None)
    with scopes_disabled():
        programme = mentorship.programme
        programme.title = "IncluCities – renamed"
        programme.save()
    return network


def _fake_dump(tmp_path):
    dump = tmp_path / "database.dump"
    dump.write_bytes(b"PGDMP not really a dump")
    return dump


def _archive(tmp_path, storage, migrations=None):
    """An archive with a stand-in dump: enough for the checks that run before pg_restore."""
    scratch = tmp_path / "scratch"
    scratch.mkdir(exist_ok=True)
    path, _files = archive.write(tmp_path / "backups", dump=_fake_dump(tmp_path), storage=storage, created_at=CREATED,
                                 app_version="0.1.0", migrations=migrations or {"tenancy": "0001_initial"},
                                 scratch=scratch)
    return path


def _rewrite(path, change, rename=lambda name: name):
    """A copy of the archive with `change(name, data)` applied to each member's data (None leaves
    the member out) and its members renamed by `rename`."""
    with tarfile.open(path) as tar:
        members = [(member, tar.extractfile(member).read()) for member in tar.getmembers()]
    tampered = path.with_name("tampered.tar")
    with tarfile.open(tampered, "w") as tar:
        for member, data in members:
            data = change(member.name, data)
            if data is not None:
                member.name, member.size = rename(member.name), len(data)
                tar.addfile(member, io.BytesIO(data))
    return tampered


@pytest.fixture
def stored(tmp_path):
    storage = FileSystemStorage(location=tmp_path / "media")
    storage.save("pdfs/2026/plan-capaci.pdf", ContentFile(PDF))
    storage.save("top.txt", ContentFile(b"at the top"))
    return storage


# --- The round trip on PostgreSQL ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_new_database_with_its_plan_history_and_files(
        on_postgresql, site, stored, empty_database, tmp_path):
    written = backups.backup(database=connection.settings_dict, storage=stored, folder=tmp_path / "backups",
                             now=CREATED)
    assert written.path.name == "mentoring-backup-2026-12-03T1530Z.tar"
    assert written.files == 2
    assert oct(written.path.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in written.path.parent.iterdir()] == [written.path.name], "no partial file or scratch left"
    with tarfile.open(written.path) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["file_count"] == 2
    assert manifest["migrations"]["actionplans"].startswith("00")
    assert set(manifest["members"]) == {"database.dump", "files/pdfs/2026/plan-capaci.pdf", "files/top.txt"}

    target = AtomicFileSystemStorage(location=tmp_path / "restored-media")  # the embedded default storage
    restored = backups.restore(written.path, database=empty_database, storage=target,
                               known_migrations=backups.code_migrations())

    assert (restored.networks, restored.files) == (1, 2)
    assert _query(empty_database, sql.SQL("SELECT slug, name FROM {}").format(_table(Network))) == [
        ("capaci", "Capaci network")]
    assert _query(empty_database, sql.SQL("SELECT action FROM {}").format(_table(Action))) == [
        ("Δημιουργία γραφείου υποδοχής",)]
    assert _query(empty_database, sql.SQL("SELECT number, status FROM {}").format(_table(PlanVersion))) == [
        (1, "final")]
    history = _query(empty_database, sql.SQL("SELECT history_type, title FROM {} ORDER BY history_id").format(
        _table(Programme.history.model)))
    assert [kind for kind, _title in history] == ["+", "~"]
    assert history[-1][1] == "IncluCities – renamed"
    with target.open("pdfs/2026/plan-capaci.pdf", "rb") as pdf:
        assert pdf.read() == PDF


@pytest.mark.django_db(transaction=True)
def test_the_commands_back_up_and_refuse_to_restore_over_a_database_that_has_tables(
        on_postgresql, site, tmp_path, settings, capsys):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", output=tmp_path / "backups")
    assert "the database and 0 files" in capsys.readouterr().out
    (path,) = (tmp_path / "backups").glob("mentoring-backup-*.tar")
    with pytest.raises(CommandError, match=r"^database '.+' is not empty \(\d+ tables\): restore only into a new"):
        call_command("restore", str(path))
    with scopes_disabled():
        assert Network.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_second_backup_in_the_same_minute_gets_its_own_name(on_postgresql, stored, tmp_path):
    first = backups.backup(database=connection.settings_dict, storage=stored, folder=tmp_path, now=CREATED)
    second = backups.backup(database=connection.settings_dict, storage=stored, folder=tmp_path, now=CREATED)
    assert (first.path.name, second.path.name) == ("mentoring-backup-2026-12-03T1530Z.tar",
                                                   "mentoring-backup-2026-12-03T1530Z-2.tar")


@pytest.mark.django_db
def test_a_tampered_archive_is_refused_before_the_database_is_touched(on_postgresql, stored, tmp_path):
    tampered = _rewrite(_archive(tmp_path, stored),
                        lambda name, data: data.replace(b"Capaci", b"Kapaci") if name.endswith(".pdf") else data)
    with pytest.raises(CommandError, match=r"^tampered.tar is damaged or incomplete \(files/pdfs/2026/plan-capaci.pdf "
                                           r"does not match its checksum\)"):
        call_command("restore", str(tampered))


@pytest.mark.django_db
def test_an_archive_of_a_newer_version_is_refused(on_postgresql, stored, tmp_path, empty_database):
    path = _archive(tmp_path, stored, migrations={"tenancy": "9999_from_the_future"})
    with pytest.raises(backups.BackupError, match=r"newer version \(0.1.0: migration tenancy.9999_from_the_future"):
        backups.restore(path, database=empty_database, storage=stored, known_migrations=backups.code_migrations())


# --- The archive's own checks, on every engine -------------------------------------------------------------


def test_an_archive_holds_the_dump_every_stored_file_and_their_checksums(stored, tmp_path):
    path = _archive(tmp_path, stored)
    manifest = archive.verify(path)
    assert manifest["created_at"] == "2026-12-03T15:30:00+00:00"
    assert manifest["file_count"] == 2
    with tarfile.open(path) as tar:
        assert tar.getnames() == ["database.dump", "files/top.txt", "files/pdfs/2026/plan-capaci.pdf",
                                  "manifest.json"]


@pytest.mark.parametrize(("change", "why"), [
    (lambda name, data: data + b"!" if name == "database.dump" else data, "database.dump does not match its checksum"),
    (lambda name, data: None if name == "manifest.json" else data, "no manifest.json"),
    (lambda name, data: None if name.endswith(".pdf") else data, "missing ['files/pdfs/2026/plan-capaci.pdf']"),
    (lambda name, data: b"{" if name == "manifest.json" else data, "manifest.json is not JSON"),
])
def test_a_changed_archive_is_refused(stored, tmp_path, change, why):
    tampered = _rewrite(_archive(tmp_path, stored), change)
    with pytest.raises(backups.BackupError) as refusal:
        archive.verify(tampered)
    assert str(refusal.value) == (f"tampered.tar is damaged or incomplete ({why}): it cannot be restored, "
                                  "use another backup")


def test_a_truncated_archive_is_refused(stored, tmp_path):
    path = _archive(tmp_path, stored)
    cut = path.with_name("cut.tar")
    for size in (100, path.stat().st_size // 2, path.stat().st_size - 1024 * 3):
        cut.write_bytes(path.read_bytes()[:size])
        with pytest.raises(backups.BackupError, match=r"^cut.tar is damaged or incomplete"):
            archive.verify(cut)


def test_a_member_outside_files_is_refused(stored, tmp_path):
    def listed_as_escaping(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["members"]["../escape"] = manifest["members"].pop("files/top.txt")
        manifest["file_count"] = 1
        return json.dumps(manifest).encode()

    escaping = _rewrite(_archive(tmp_path, stored), listed_as_escaping,
                        rename=lambda name: "../escape" if name == "files/top.txt" else name)
    with pytest.raises(backups.BackupError, match=r"unexpected member '../escape'"):
        archive.verify(escaping)


def test_an_interrupted_backup_leaves_nothing_that_looks_complete(stored, tmp_path):
    class Failing(FileSystemStorage):
        def open(self, name, mode="rb"):
            if name.endswith(".pdf"):
                raise OSError("the disk went away")
            return super().open(name, mode)

    with pytest.raises(OSError, match="the disk went away"):
        _archive(tmp_path, Failing(location=stored.location))
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == []


def test_a_file_deleted_while_the_backup_runs_is_left_out_and_a_write_in_progress_is_skipped(stored, tmp_path):
    class CleanedUpMeanwhile(FileSystemStorage):
        def open(self, name, mode="rb"):
            if name == "top.txt":
                self.delete(name)  # the hourly clean-up of expired PDFs, between listing and reading
            return super().open(name, mode)

    stored.save("pdfs/2026/.plan-capaci.pdf.0123abcd.part", ContentFile(b"half a PDF"))
    path = _archive(tmp_path, CleanedUpMeanwhile(location=stored.location))
    manifest = archive.verify(path)
    assert (manifest["file_count"], sorted(manifest["members"])) == (1, ["database.dump",
                                                                         "files/pdfs/2026/plan-capaci.pdf"])


def test_files_are_walked_and_restored_through_the_storage_api_alone(stored, tmp_path):
    """S3 through django-storages, against moto's in-process S3: listdir, open, save, exists, delete."""
    moto = pytest.importorskip("moto")
    s3 = pytest.importorskip("storages.backends.s3")
    import boto3

    with moto.mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="mentoring-files")
        bucket = s3.S3Storage(bucket_name="mentoring-files", region_name="us-east-1", access_key="test",
                              secret_key="test", location="site")
        for name in ("pdfs/2026/plan-capaci.pdf", "top.txt"):
            with stored.open(name, "rb") as source:
                bucket.save(name, source)
        assert list(archive.stored_files(bucket)) == ["top.txt", "pdfs/2026/plan-capaci.pdf"]
        path = _archive(tmp_path, bucket)
        archive.verify(path)
        bucket.delete("top.txt")
        bucket.save("pdfs/2026/plan-capaci.pdf", ContentFile(b"an older file of the same name"))
        assert archive.restore_files(path, bucket) == 2
        with bucket.open("pdfs/2026/plan-capaci.pdf", "rb") as pdf:
            assert pdf.read() == PDF
        assert bucket.exists("top.txt")


def test_a_storage_nothing_was_written_to_has_no_files(tmp_path):
    assert list(archive.stored_files(FileSystemStorage(location=tmp_path / "never-created"))) == []


# --- The PostgreSQL tools and the refusals --------------------------------------------------------------


def test_the_password_reaches_pg_dump_in_its_environment_never_on_its_command_line(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(postgres.subprocess, "run",
                        lambda args, **kwargs: calls.append((args, kwargs["env"])) or subprocess.CompletedProcess(
                            args, 0, "", ""))
    database = {"ENGINE": postgres.ENGINE, "NAME": "mentoring", "USER": "mentoring", "PASSWORD": "s3cret-Pa55",
                "HOST": "db.internal", "PORT": 5433, "OPTIONS": {"sslmode": "require", "pool": True}}
    postgres.dump(database, tmp_path / "database.dump")
    postgres.load(database, tmp_path / "database.dump")
    for args, env in calls:
        assert not any("s3cret" in argument for argument in args), args
        assert (env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGPASSWORD"], env["PGDATABASE"], env["PGSSLMODE"]) \
            == ("db.internal", "5433", "mentoring", "s3cret-Pa55", "mentoring", "require")
    assert calls[0][0][:4] == ["pg_dump", "--format=custom", "--no-owner", "--no-privileges"]
    assert calls[1][0][:4] == ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"]


def test_a_missing_pg_dump_is_named_with_the_package_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(backups.BackupError, match=r"^pg_dump is not installed: .* apt-get install postgresql-client"):
        postgres.dump({"ENGINE": postgres.ENGINE, "NAME": "mentoring"}, tmp_path / "database.dump")


@pytest.mark.parametrize("command", [["backup"], ["restore", "mentoring-backup-2026-12-03T1530Z.tar"]])
def test_on_sqlite_the_commands_refuse_in_one_line(tmp_path, command):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="mentoring.settings_test", VAR_DIR=str(tmp_path),
               DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    result = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    what = command[0]
    assert result.stderr.strip() == f"CommandError: {what} needs PostgreSQL; on the embedded default copy var/ instead"
    assert not (tmp_path / "backups").exists()
