"""An S3 service for the tests: moto's server on 127.0.0.1 (a free port), one fresh bucket per
test, and STORAGES pointed at it exactly as mentoring/settings.py does with AWS_STORAGE_BUCKET_NAME.

A real HTTP server rather than moto's in-process mock, so that a worker in another process (the
services tests) reaches the same bucket as the test that downloads from it."""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass

import boto3
import pytest
from moto.server import ThreadedMotoServer

REGION = "us-east-1"
KEYS = {"access_key": "testing", "secret_key": "testing"}
LOCATION = "mentoring-test"  # AWS_LOCATION: objects under a prefix, as a shared bucket would have


@dataclass
class Bucket:
    name: str
    endpoint: str
    client: object

    def keys(self):
        """Every object key in the bucket."""
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key):
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def storage(self):
        """STORAGES["default"] for this bucket: the options settings.py builds from the environment."""
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            "bucket_name": self.name, "endpoint_url": self.endpoint, "region_name": REGION, **KEYS,
            "addressing_style": "path", "location": LOCATION, "file_overwrite": True, "default_acl": None,
            "querystring_auth": True,
        }}

    def environment(self):
        """The same bucket as a process's environment (a worker started for the test)."""
        return {"AWS_STORAGE_BUCKET_NAME": self.name, "AWS_S3_ENDPOINT_URL": self.endpoint,
                "AWS_S3_REGION_NAME": REGION, "AWS_ACCESS_KEY_ID": KEYS["access_key"],
                "AWS_SECRET_ACCESS_KEY": KEYS["secret_key"], "AWS_LOCATION": LOCATION}


@contextmanager
def moto_server():
    """moto's S3 server on a free port of 127.0.0.1, stopped on leaving; yields its endpoint URL."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def new_bucket(endpoint):
    """A bucket of its own for one test (moto keeps every bucket while its server runs)."""
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION,
                          aws_access_key_id=KEYS["access_key"], aws_secret_access_key=KEYS["secret_key"])
    name = f"pdfs-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name)
    return Bucket(name=name, endpoint=endpoint, client=client)


@pytest.fixture(scope="session")
def s3_endpoint():
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def s3_bucket(s3_endpoint):
    return new_bucket(s3_endpoint)


@pytest.fixture
def s3_storage(settings, s3_bucket, tmp_path):
    """The default storage is the bucket for this test. Assigning STORAGES sends setting_changed,
    which makes Django drop its cached storages (default_storage included) now and after the test.
    MEDIA_ROOT points at an empty folder the tests check stays empty: nothing may touch a disk."""
    settings.STORAGES = {**settings.STORAGES, "default": s3_bucket.storage()}
    settings.MEDIA_ROOT = tmp_path / "media-unused"
    return s3_bucket
