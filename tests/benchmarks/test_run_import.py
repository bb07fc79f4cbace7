"""The import benchmark's generated files stay valid imports (the benchmark asserts a clean run)."""

import pytest
from benchmarks.run_import import SECTORS, write_file
from django.core.files.uploadedfile import SimpleUploadedFile

from rabta.organisations.models import Organisation
from rabta.reports.imports import import_confirm, import_start
from rabta.reports.models import ImportJob
from tests.factories import OrganiserFactory, SectorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_generated_file_imports_every_row(tmp_path, settings, fmt):
    settings.MEDIA_ROOT = tmp_path / "media"
    for code in SECTORS:
        SectorFactory(code=code)
    organiser = OrganiserFactory(is_validator=True)
    path = tmp_path / f"organisations.{fmt}"
    write_file(path, fmt, 300, seed=8)
    job = import_start(
        actor=organiser,
        kind="organisations",
        upload=SimpleUploadedFile(path.name, path.read_bytes()),
    )
    assert job.status == ImportJob.Status.READY, job.errors[:3]
    assert (job.total_rows, job.duplicate_count) == (300, 0)
    job = import_confirm(actor=organiser, job=job)
    assert job.status == ImportJob.Status.DONE and job.created_count == 300
    assert Organisation.objects.count() == 300
