from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0001_initial'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='person',
            name='person_name_title_unique',
        ),
        migrations.AddField(
            model_name='person',
            name='role',
            field=models.CharField(blank=True, max_length=32, verbose_name='公报中的角色'),
        ),
        migrations.AddField(
            model_name='person',
            name='section',
            field=models.CharField(blank=True, max_length=128, verbose_name='科室'),
        ),
        migrations.AddConstraint(
            model_name='person',
            constraint=models.UniqueConstraint(condition=models.Q(('unit__isnull', False)), fields=('name', 'unit'), name='person_name_unit_unique'),
        ),
        migrations.AddConstraint(
            model_name='person',
            constraint=models.UniqueConstraint(condition=models.Q(('unit__isnull', True)), fields=('name', 'title'), name='person_name_title_no_unit_unique'),
        ),
    ]
