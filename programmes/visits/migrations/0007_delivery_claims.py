"""A send task claims its delivery before it sends (issue 17, finding 9).

Before, "sending" meant "queued by a sweep"; now a task claims a pending delivery for itself, so
what was queued goes back to pending, as queued at the migration (a lost message is queued again
by a sweep once that claim is stale)."""

from django.db import migrations, models
from django.utils import timezone
from django_scopes import scopes_disabled


def queued_again(apps, schema_editor):
    ReminderDelivery = apps.get_model("visits", "ReminderDelivery")
    with scopes_disabled():
        ReminderDelivery.objects.filter(status="sending").update(status="pending", claimed_at=timezone.now())


class Migration(migrations.Migration):

    dependencies = [
        ('visits', '0006_reminder_failures'),
    ]

    operations = [
        migrations.AddField(
            model_name='reminderdelivery',
            name='claimed_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(queued_again, migrations.RunPython.noop),
    ]
