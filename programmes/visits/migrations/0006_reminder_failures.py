"""A delivery says why it failed; reminder offsets are at most a year, in the rule (validator) and
in each delivery (check constraint): a larger one once stopped every network's sweep (issue 17,
finding 5)."""

import programmes.visits.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tenancy', '0003_alter_invitation_language'),
        ('visits', '0005_one_line_fields'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='reminderdelivery',
            name='failure',
            field=models.CharField(blank=True, choices=[('rule', 'The durations of its rule cannot be used'), ('message', 'The e-mail could not be written from the details of the event or of the person'), ('sending', 'It could not be sent, even after several tries')], max_length=20),
        ),
        migrations.AlterField(
            model_name='reminderrule',
            name='offsets',
            field=models.JSONField(default=list, validators=[programmes.visits.models.validate_offsets], verbose_name='how long before'),
        ),
        migrations.AddConstraint(
            model_name='reminderdelivery',
            constraint=models.CheckConstraint(condition=models.Q(('offset__lte', 525600)), name='reminder_offset_within_a_year'),
        ),
    ]
