"""The two S3-compatible storages (public media, private files) as ``STORAGES`` entries.

Used by settings.py when ``RABTA_S3_PUBLIC_BUCKET`` and ``RABTA_S3_PRIVATE_BUCKET`` are set, and
by the tests against an S3 emulator. Imports nothing from Django (settings import it).
"""

from __future__ import annotations


def s3_storages(
    *,
    public_bucket: str,
    private_bucket: str,
    public_prefix: str = "media",
    private_prefix: str = "private",
    public_domain: str | None = None,
    public_acl: str | None = "public-read",
    endpoint_url: str | None = None,
    region_name: str | None = None,
    access_key: str | None = None,
    secret_key: str | None = None,
    addressing_style: str = "auto",
    url_seconds: int = 60,
    connect_timeout: float = 5,
    read_timeout: float = 30,
    attempts: int = 3,
) -> dict[str, dict]:
    from botocore.config import Config

    client_config = Config(
        s3={"addressing_style": addressing_style},
        signature_version="s3v4",
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        # An unreachable store must fail fast: the upload is refused with a message.
        retries={"max_attempts": attempts, "mode": "standard"},
    )
    common = {
        "endpoint_url": endpoint_url,
        "region_name": region_name,
        "access_key": access_key,
        "secret_key": secret_key,
        "client_config": client_config,
        "file_overwrite": False,
    }
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": public_bucket,
                "location": public_prefix,
                "custom_domain": public_domain,
                # Logos: plain URLs, readable by anyone through the object's ACL (or, with
                # public_acl None, through the bucket's policy).
                "querystring_auth": False,
                "default_acl": public_acl or None,
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket,
                "location": private_prefix,
                # Never a plain URL: only signed ones, valid for url_seconds; no ACL: the
                # bucket's default (owner only).
                "querystring_auth": True,
                "default_acl": None,
                "querystring_expire": url_seconds,
            },
        },
    }
