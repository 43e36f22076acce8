"""Seed the BE minimum pay table of 2024 (collective agreement of 19 May 2021, indexed)."""

from decimal import Decimal

from django.db import migrations

BASES_2024 = {
    1: "3597.01",
    2: "3712.59",
    3: "3857.08",
    4: "4001.57",
    5: "4174.96",
    6: "4348.35",
}


def seed(apps, schema_editor):
    PayTable = apps.get_model("worktime", "PayTable")
    PayTableBase = apps.get_model("worktime", "PayTableBase")
    table, created = PayTable.objects.get_or_create(
        year=2024,
        defaults={
            "hours_per_month": Decimal("208.00"),
            "overtime_rate": Decimal("1.10"),
            "night_rate": Decimal("1.25"),
            "weekend_rate": Decimal("1.50"),
            "standby_fee_weekday_day": Decimal("53.03"),
            "standby_fee_other": Decimal("79.54"),
        },
    )
    if created:
        PayTableBase.objects.bulk_create(
            PayTableBase(table=table, training_year=year, monthly_base=Decimal(amount))
            for year, amount in BASES_2024.items()
        )


def unseed(apps, schema_editor):
    apps.get_model("worktime", "PayTable").objects.filter(year=2024).delete()


class Migration(migrations.Migration):
    dependencies = [("worktime", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
