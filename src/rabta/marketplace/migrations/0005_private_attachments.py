"""Opportunity attachments move to the private storage, under random names (issue 15)."""

from django.db import migrations, models

import rabta.core.storage
import rabta.marketplace.models


def move_to_private(apps, schema_editor):
    from rabta.core.file_migrations import copy_to, private_storage, public_storage

    Attachment = apps.get_model("marketplace", "Attachment")
    public, private = public_storage(), private_storage()
    for attachment in Attachment.objects.all().iterator():
        if private.exists(attachment.file.name):
            continue  # moved already
        new_name = copy_to(
            source=public,
            target=private,
            old_name=attachment.file.name,
            folder=f"opportunities/{attachment.opportunity_id}",
            content_type=attachment.content_type,
        )
        if new_name:
            Attachment.objects.filter(pk=attachment.pk).update(file=new_name)


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0004_search_vector"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attachment",
            name="file",
            field=models.FileField(
                storage=rabta.core.storage.get_private_storage,
                upload_to=rabta.marketplace.models.attachment_path,
                verbose_name="file",
            ),
        ),
        migrations.RunPython(move_to_private, migrations.RunPython.noop),
    ]
