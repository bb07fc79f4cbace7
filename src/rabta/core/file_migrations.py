"""Helpers of the data migrations that move uploaded files to where they belong now.

Until December 2026 every upload lived in the public media root under a name derived from the
client's: imports/people.csv, logos/proof.html. The migrations move private files into the
private storage and rename every file to a random name with the extension of its content. The
old file is deleted only once the migration's transaction has committed, so an interrupted
migration loses nothing (at worst it leaves a copy behind).
"""

from __future__ import annotations

from django.core.files.storage import storages
from django.db import transaction

from rabta.core.files import delete_quietly, random_name


def public_storage():
    return storages["default"]


def private_storage():
    return storages["private"]


def copy_to(*, source, target, old_name: str, folder: str, content_type: str) -> str | None:
    """Copy ``old_name`` from ``source`` into ``target`` as ``folder/<random>.<ext>``; the
    new name, or None when the old file is missing. The old one goes after the commit."""
    if not old_name or not source.exists(old_name):
        return None
    with source.open(old_name, "rb") as content:
        new_name = target.save(f"{folder}/{random_name(content_type)}", content)
    drop_after_commit(source, old_name)
    return new_name


def drop_after_commit(storage, name: str) -> None:
    transaction.on_commit(lambda: delete_quietly(storage, name))
