"""Existing people get the time zone of their first organisation's country."""

from django.db import migrations


def default_time_zones(apps, schema_editor):
    from rabta.core.time_zones import country_time_zone

    Member = apps.get_model("organisations", "Member")
    User = apps.get_model("accounts", "User")
    first: dict[int, str] = {}
    rows = Member.objects.filter(user__time_zone="").order_by("user_id", "pk")
    for user_id, country in rows.values_list("user_id", "organisation__country"):
        first.setdefault(user_id, country)
    for user_id, country in first.items():
        zone = country_time_zone(country)
        if zone:
            User.objects.filter(pk=user_id, time_zone="").update(time_zone=zone)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_invitation_token_hashed"),
        ("accounts", "0004_user_time_zone"),
    ]

    operations = [migrations.RunPython(default_time_zones, migrations.RunPython.noop)]
