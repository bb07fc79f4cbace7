"""Import files move to the private storage under random names; finished ones are deleted
(issue 15: they hold people's e-mails and were downloadable from /media/imports/)."""

from django.db import migrations, models

import rabta.core.storage


def move_to_private(apps, schema_editor):
    from rabta.core.file_migrations import (
        copy_to,
        drop_after_commit,
        private_storage,
        public_storage,
    )
    from rabta.reports.readers import table_type

    ImportJob = apps.get_model("reports", "ImportJob")
    public, private = public_storage(), private_storage()
    for job in ImportJob.objects.exclude(file="").iterator():
        name = job.file.name
        if private.exists(name):
            continue  # moved already
        if job.status not in ("ready", "checking", "importing") or not public.exists(name):
            if public.exists(name):
                drop_after_commit(public, name)
            ImportJob.objects.filter(pk=job.pk).update(file="")
            continue
        with public.open(name, "rb") as stream:
            content_type = table_type(stream) or "text/csv"
        new_name = copy_to(
            source=public,
            target=private,
            old_name=name,
            folder="imports",
            content_type=content_type,
        )
        ImportJob.objects.filter(pk=job.pk).update(file=new_name or "")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="importjob",
            name="file",
            field=models.FileField(
                blank=True, storage=rabta.core.storage.get_private_storage, upload_to="imports/"
            ),
        ),
        migrations.RunPython(move_to_private, migrations.RunPython.noop),
    ]
