"""The (network_id, id) key that same-network foreign keys point at (tenancy/constraints.py)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('benchmarks', '0003_alter_benchmark_language'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='benchmark',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='benchmarks_benchmark_network_key'),
        ),
        migrations.AddConstraint(
            model_name='contextfactor',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='benchmarks_contextfactor_network_key'),
        ),
        migrations.AddConstraint(
            model_name='keyfactor',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='benchmarks_keyfactor_network_key'),
        ),
        migrations.AddConstraint(
            model_name='rating',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='benchmarks_rating_network_key'),
        ),
        migrations.AddConstraint(
            model_name='selfassessment',
            constraint=models.UniqueConstraint(fields=('network', 'id'), name='benchmarks_selfassessment_network_key'),
        ),
    ]
