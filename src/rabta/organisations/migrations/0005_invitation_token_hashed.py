"""Invitation links: keep only the SHA-256 of each link's secret.

Links already e-mailed keep working: their secret hashes to the stored value.
"""

import hashlib

from django.db import migrations


def hash_tokens(apps, schema_editor):
    Invitation = apps.get_model("organisations", "Invitation")
    for invitation in Invitation.objects.only("pk", "token_hash"):
        digest = hashlib.sha256(invitation.token_hash.encode("utf-8")).hexdigest()
        Invitation.objects.filter(pk=invitation.pk).update(token_hash=digest)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0004_reencoded_logos"),
    ]

    operations = [
        migrations.RenameField(model_name="invitation", old_name="token", new_name="token_hash"),
        # Irreversible in substance (a hash gives no secret back); going back leaves the hashes.
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
    ]
