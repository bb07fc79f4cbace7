"""An S3 emulator for the tests: moto's server (a dev dependency) in its own process on a free
port, and STORAGES pointing rabta's public and private storages at two of its buckets."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

import pytest

from rabta.core.s3config import s3_storages

PUBLIC_BUCKET = "rabta-public"
PRIVATE_BUCKET = "rabta-private"
CREDENTIALS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Emulator:
    endpoint: str

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=CREDENTIALS["access_key"],
            aws_secret_access_key=CREDENTIALS["secret_key"],
            region_name=CREDENTIALS["region_name"],
        )

    def storages(self, **overrides) -> dict:
        return s3_storages(
            public_bucket=PUBLIC_BUCKET,
            private_bucket=PRIVATE_BUCKET,
            endpoint_url=self.endpoint,
            addressing_style="path",
            **CREDENTIALS,
            **overrides,
        )

    def keys(self, bucket: str) -> list[str]:
        listing = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def reset(self) -> None:
        client = self.client()
        for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
            for key in self.keys(bucket):
                client.delete_object(Bucket=bucket, Key=key)


@pytest.fixture(scope="session")
def s3_emulator():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(300):  # up to a minute on a busy machine
            if process.poll() is not None:
                pytest.fail(f"moto's server stopped at start (exit {process.returncode})")
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("moto's server did not answer")
        emulator = Emulator(endpoint)
        client = emulator.client()
        for bucket in (PUBLIC_BUCKET, PRIVATE_BUCKET):
            client.create_bucket(Bucket=bucket)
        yield emulator
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def object_storage(s3_emulator, settings):
    """rabta's files in the emulator's buckets for one test."""
    s3_emulator.reset()
    settings.STORAGES = {**settings.STORAGES, **s3_emulator.storages()}
    return s3_emulator
