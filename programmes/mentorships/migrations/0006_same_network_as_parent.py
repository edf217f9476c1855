"""A row's parent is in the row's network: composite foreign keys on PostgreSQL (tenancy/constraints.py)."""

import programmes.tenancy.constraints
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('benchmarks', '0004_network_keys'),
        ('directory', '0003_network_keys'),
        ('mentorships', '0005_network_keys'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='mentorship',
            constraint=programmes.tenancy.constraints.SameNetwork('programme', name='mentorships_mentorship_programme_net'),
        ),
        migrations.AddConstraint(
            model_name='mentorshipcity',
            constraint=programmes.tenancy.constraints.SameNetwork('mentorship', name='mentorships_mentorshipcity_mentorship_net'),
        ),
        migrations.AddConstraint(
            model_name='mentorshipcity',
            constraint=programmes.tenancy.constraints.SameNetwork('city', name='mentorships_mentorshipcity_city_net'),
        ),
        migrations.AddConstraint(
            model_name='mentorshipcity',
            constraint=programmes.tenancy.constraints.SameNetwork('association', name='mentorships_mentorshipcity_association_net'),
        ),
        migrations.AddConstraint(
            model_name='mentorshipinvitation',
            constraint=programmes.tenancy.constraints.SameNetwork('mentorship', name='mentorships_mentorshipinvitation_mentorship_net'),
        ),
        migrations.AddConstraint(
            model_name='milestone',
            constraint=programmes.tenancy.constraints.SameNetwork('programme', name='mentorships_milestone_programme_net'),
        ),
        migrations.AddConstraint(
            model_name='milestonedone',
            constraint=programmes.tenancy.constraints.SameNetwork('mentorship', name='mentorships_milestonedone_mentorship_net'),
        ),
        migrations.AddConstraint(
            model_name='milestonedone',
            constraint=programmes.tenancy.constraints.SameNetwork('milestone', name='mentorships_milestonedone_milestone_net'),
        ),
        migrations.AddConstraint(
            model_name='participant',
            constraint=programmes.tenancy.constraints.SameNetwork('mentorship', name='mentorships_participant_mentorship_net'),
        ),
        migrations.AddConstraint(
            model_name='programme',
            constraint=programmes.tenancy.constraints.SameNetwork('benchmark', name='mentorships_programme_benchmark_net'),
        ),
        migrations.AddConstraint(
            model_name='programmefacilitator',
            constraint=programmes.tenancy.constraints.SameNetwork('programme', name='mentorships_programmefacilitator_programme_net'),
        ),
    ]
