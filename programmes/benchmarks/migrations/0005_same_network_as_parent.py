"""A row's parent is in the row's network: composite foreign keys on PostgreSQL (tenancy/constraints.py)."""

import programmes.tenancy.constraints
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('benchmarks', '0004_network_keys'),
        ('mentorships', '0005_network_keys'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='contextfactor',
            constraint=programmes.tenancy.constraints.SameNetwork('benchmark', name='benchmarks_contextfactor_benchmark_net'),
        ),
        migrations.AddConstraint(
            model_name='contextweight',
            constraint=programmes.tenancy.constraints.SameNetwork('self_assessment', name='benchmarks_contextweight_self_assessment_net'),
        ),
        migrations.AddConstraint(
            model_name='contextweight',
            constraint=programmes.tenancy.constraints.SameNetwork('context_factor', name='benchmarks_contextweight_context_factor_net'),
        ),
        migrations.AddConstraint(
            model_name='guidingquestion',
            constraint=programmes.tenancy.constraints.SameNetwork('key_factor', name='benchmarks_guidingquestion_key_factor_net'),
        ),
        migrations.AddConstraint(
            model_name='keyfactor',
            constraint=programmes.tenancy.constraints.SameNetwork('benchmark', name='benchmarks_keyfactor_benchmark_net'),
        ),
        migrations.AddConstraint(
            model_name='rating',
            constraint=programmes.tenancy.constraints.SameNetwork('self_assessment', name='benchmarks_rating_self_assessment_net'),
        ),
        migrations.AddConstraint(
            model_name='rating',
            constraint=programmes.tenancy.constraints.SameNetwork('key_factor', name='benchmarks_rating_key_factor_net'),
        ),
        migrations.AddConstraint(
            model_name='ratingcomment',
            constraint=programmes.tenancy.constraints.SameNetwork('rating', name='benchmarks_ratingcomment_rating_net'),
        ),
        migrations.AddConstraint(
            model_name='selfassessment',
            constraint=programmes.tenancy.constraints.SameNetwork('mentorship', name='benchmarks_selfassessment_mentorship_net'),
        ),
        migrations.AddConstraint(
            model_name='selfassessment',
            constraint=programmes.tenancy.constraints.SameNetwork('benchmark', name='benchmarks_selfassessment_benchmark_net'),
        ),
    ]
