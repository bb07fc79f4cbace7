"""Logos are drawn again from their pixels and stored under random names (issue 15: a PNG
uploaded as proof.html was served as a page). A file that is no image is deleted."""

from django.db import migrations


def reencode(apps, schema_editor):
    from django.core.exceptions import ValidationError

    from rabta.core.file_migrations import drop_after_commit, public_storage
    from rabta.core.files import random_name
    from rabta.organisations.logos import reencoded_logo

    Organisation = apps.get_model("organisations", "Organisation")
    storage = public_storage()
    for organisation in Organisation.objects.exclude(logo="").iterator():
        old_name = organisation.logo.name
        new_name = ""
        if storage.exists(old_name):
            try:
                with storage.open(old_name, "rb") as stream:
                    stream.size = storage.size(old_name)
                    content, content_type = reencoded_logo(stream)
            except ValidationError:
                pass
            else:
                new_name = storage.save(f"logos/{random_name(content_type)}", content)
            drop_after_commit(storage, old_name)
        Organisation.objects.filter(pk=organisation.pk).update(logo=new_name)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_join_request"),
    ]

    operations = [migrations.RunPython(reencode, migrations.RunPython.noop)]
