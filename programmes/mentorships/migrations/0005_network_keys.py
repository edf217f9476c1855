"""The (network_id, id) key that same-network foreign keys point at (tenancy/constraints.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mentorships', '0004_text_limits'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='mentorship',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='mentorships_mentorship_network_key'),
        ),
        migrations.AddConstraint(
            model_name='milestone',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='mentorships_milestone_network_key'),
        ),
        migrations.AddConstraint(
            model_name='programme',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='mentorships_programme_network_key'),
        ),
    ]
