"""A row's parent is in the row's network: composite foreign keys on PostgreSQL (tenancy/constraints.py)."""

import programmes.tenancy.constraints
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('actionplans', '0003_network_keys'),
        ('mentorships', '0005_network_keys'),
        ('reports', '0003_network_keys'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='frozenpdf',
            constraint=programmes.tenancy.constraints.SameNetwork('plan_version', name='reports_frozenpdf_plan_version_net'),
        ),
        migrations.AddConstraint(
            model_name='pdfjob',
            constraint=programmes.tenancy.constraints.SameNetwork('mentorship', name='reports_pdfjob_mentorship_net'),
        ),
        migrations.AddConstraint(
            model_name='pdfjob',
            constraint=programmes.tenancy.constraints.SameNetwork('programme', name='reports_pdfjob_programme_net'),
        ),
        migrations.AddConstraint(
            model_name='pdfjob',
            constraint=programmes.tenancy.constraints.SameNetwork('plan_version', name='reports_pdfjob_plan_version_net'),
        ),
        migrations.AddConstraint(
            model_name='pdfjob',
            constraint=programmes.tenancy.constraints.SameNetwork('frozen', name='reports_pdfjob_frozen_net'),
        ),
    ]
