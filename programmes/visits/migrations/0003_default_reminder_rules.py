"""Programmes created before reminders existed get the default rules (14 and 2 days before)."""

from django.db import migrations

DEFAULT_OFFSETS = [14 * 24 * 60, 2 * 24 * 60]


def add_default_rules(apps, schema_editor):
    Programme = apps.get_model("mentorships", "Programme")
    ReminderRule = apps.get_model("visits", "ReminderRule")
    have = set(ReminderRule.objects.values_list("programme_id", flat=True))
    ReminderRule.objects.bulk_create(
        ReminderRule(network_id=programme.network_id, programme_id=programme.pk, target=target,
                     offsets=DEFAULT_OFFSETS)
        for programme in Programme.objects.exclude(pk__in=have)
        for target in ("visits", "milestones")
    )


class Migration(migrations.Migration):
    dependencies = [("visits", "0002_reminders"), ("mentorships", "0003_historicalprogramme_max_focus_factors_and_more")]

    operations = [migrations.RunPython(add_default_rules, migrations.RunPython.noop)]
