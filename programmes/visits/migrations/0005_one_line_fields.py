"""One-line fields (titles, places, who leads, follow-ups) refuse line breaks and control characters:
they reach calendar SUMMARY lines and e-mail subjects (issue 17, finding 6)."""

import programmes.visits.text
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('visits', '0004_agenda_key_factors'),
    ]

    operations = [
        migrations.AlterField(
            model_name='agendaitem',
            name='lead',
            field=models.CharField(blank=True, max_length=300, validators=[programmes.visits.text.validate_one_line], verbose_name='who leads'),
        ),
        migrations.AlterField(
            model_name='agendaitem',
            name='place',
            field=models.CharField(blank=True, max_length=300, validators=[programmes.visits.text.validate_one_line], verbose_name='place'),
        ),
        migrations.AlterField(
            model_name='agendaitem',
            name='title',
            field=models.CharField(max_length=300, validators=[programmes.visits.text.validate_one_line], verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='followup',
            name='owner',
            field=models.CharField(max_length=200, validators=[programmes.visits.text.validate_one_line], verbose_name='who'),
        ),
        migrations.AlterField(
            model_name='followup',
            name='text',
            field=models.CharField(max_length=500, validators=[programmes.visits.text.validate_one_line], verbose_name='follow-up'),
        ),
        migrations.AlterField(
            model_name='visit',
            name='title',
            field=models.CharField(blank=True, help_text='Leave empty to use the kind.', max_length=200, validators=[programmes.visits.text.validate_one_line], verbose_name='title'),
        ),
    ]
