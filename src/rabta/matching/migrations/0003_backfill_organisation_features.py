"""Index the profiles of the organisations that exist already."""

from django.db import migrations

from rabta.marketplace.features import profile_keys


def backfill(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    OrganisationFeature = apps.get_model("matching", "OrganisationFeature")
    rows = []
    for organisation in Organisation.objects.filter(validation="approved").prefetch_related(
        "sectors"
    ):
        keys = profile_keys(
            hs_codes=organisation.hs_codes or [],
            sector_codes=[s.code for s in organisation.sectors.all()],
        )
        rows += [
            OrganisationFeature(organisation_id=organisation.pk, key=key, dim=dim)
            for key, dim in keys
        ]
    OrganisationFeature.objects.bulk_create(rows, batch_size=5000)


class Migration(migrations.Migration):
    dependencies = [("matching", "0002_organisation_features"), ("organisations", "0001_initial")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=False)]
