"""The council's models move here from the eligibility app. Their tables exist already
(created by eligibility 0001 under their old names, which the models keep): this only
teaches Django's state where the models live now, and touches no table."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('eligibility', '0001_initial'),
        ('nominations', '0003_campaign_criteria_collective_and_more'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                name='CouncilSession',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=255, verbose_name='title')),
                    ('meeting_date', models.DateField(verbose_name='meeting date')),
                    ('place', models.CharField(max_length=255, verbose_name='place')),
                    ('locality', models.CharField(default='Đồng Nai', max_length=100, verbose_name='locality (in the date line)')),
                    ('total_members', models.PositiveSmallIntegerField(verbose_name='council members')),
                    ('members_present', models.PositiveSmallIntegerField(verbose_name='members present')),
                    ('chair', models.CharField(max_length=150, verbose_name='chair')),
                    ('secretary', models.CharField(max_length=150, verbose_name='secretary')),
                    ('status', models.CharField(choices=[('open', 'Open'), ('closed', 'Closed')], default='open', max_length=10, verbose_name='status')),
                    ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                    ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ],
                options={
                    'verbose_name': 'council session',
                    'verbose_name_plural': 'council sessions',
                    'db_table': 'eligibility_councilsession',
                    'ordering': ['-meeting_date', '-id'],
                },
            ),
            migrations.CreateModel(
                name='CouncilBallot',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('votes_for', models.PositiveSmallIntegerField(default=0, verbose_name='votes for')),
                    ('votes_against', models.PositiveSmallIntegerField(default=0, verbose_name='votes against')),
                    ('invalid', models.PositiveSmallIntegerField(default=0, verbose_name='invalid ballots')),
                    ('passed', models.BooleanField(blank=True, null=True, verbose_name='passed')),
                    ('nomination', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='council_ballots', to='nominations.nomination', verbose_name='nomination')),
                    ('session', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='ballots', to='council.councilsession', verbose_name='session')),
                ],
                options={
                    'verbose_name': 'ballot tally',
                    'verbose_name_plural': 'ballot tallies',
                    'db_table': 'eligibility_councilballot',
                    'ordering': ['session', 'id'],
                },
            ),
            migrations.CreateModel(
                name='HistoricalCouncilBallot',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('votes_for', models.PositiveSmallIntegerField(default=0, verbose_name='votes for')),
                    ('votes_against', models.PositiveSmallIntegerField(default=0, verbose_name='votes against')),
                    ('invalid', models.PositiveSmallIntegerField(default=0, verbose_name='invalid ballots')),
                    ('passed', models.BooleanField(blank=True, null=True, verbose_name='passed')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.TextField(null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ('nomination', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='nominations.nomination', verbose_name='nomination')),
                    ('session', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='council.councilsession', verbose_name='session')),
                ],
                options={
                    'verbose_name': 'historical ballot tally',
                    'verbose_name_plural': 'historical ballot tallies',
                    'db_table': 'eligibility_historicalcouncilballot',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalCouncilPolicy',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('threshold_numerator', models.PositiveSmallIntegerField(default=9, verbose_name='votes needed (numerator)')),
                    ('threshold_denominator', models.PositiveSmallIntegerField(default=10, verbose_name='votes needed (denominator)')),
                    ('base', models.CharField(choices=[('all', 'All council members'), ('present', 'Members present')], default='all', max_length=10, verbose_name='share of')),
                    ('quorum_numerator', models.PositiveSmallIntegerField(default=2, verbose_name='quorum (numerator)')),
                    ('quorum_denominator', models.PositiveSmallIntegerField(default=3, verbose_name='quorum (denominator)')),
                    ('source', models.CharField(blank=True, max_length=500, verbose_name='source')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.TextField(null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('award_type', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='nominations.awardtype', verbose_name='award type')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical council voting policy',
                    'verbose_name_plural': 'historical council voting policies',
                    'db_table': 'eligibility_historicalcouncilpolicy',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='HistoricalCouncilSession',
                fields=[
                    ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                    ('title', models.CharField(max_length=255, verbose_name='title')),
                    ('meeting_date', models.DateField(verbose_name='meeting date')),
                    ('place', models.CharField(max_length=255, verbose_name='place')),
                    ('locality', models.CharField(default='Đồng Nai', max_length=100, verbose_name='locality (in the date line)')),
                    ('total_members', models.PositiveSmallIntegerField(verbose_name='council members')),
                    ('members_present', models.PositiveSmallIntegerField(verbose_name='members present')),
                    ('chair', models.CharField(max_length=150, verbose_name='chair')),
                    ('secretary', models.CharField(max_length=150, verbose_name='secretary')),
                    ('status', models.CharField(choices=[('open', 'Open'), ('closed', 'Closed')], default='open', max_length=10, verbose_name='status')),
                    ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                    ('history_id', models.AutoField(primary_key=True, serialize=False)),
                    ('history_date', models.DateTimeField(db_index=True)),
                    ('history_change_reason', models.TextField(null=True)),
                    ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                    ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                    ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'verbose_name': 'historical council session',
                    'verbose_name_plural': 'historical council sessions',
                    'db_table': 'eligibility_historicalcouncilsession',
                    'ordering': ('-history_date', '-history_id'),
                    'get_latest_by': ('history_date', 'history_id'),
                },
                bases=(simple_history.models.HistoricalChanges, models.Model),
            ),
            migrations.CreateModel(
                name='CouncilPolicy',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('threshold_numerator', models.PositiveSmallIntegerField(default=9, verbose_name='votes needed (numerator)')),
                    ('threshold_denominator', models.PositiveSmallIntegerField(default=10, verbose_name='votes needed (denominator)')),
                    ('base', models.CharField(choices=[('all', 'All council members'), ('present', 'Members present')], default='all', max_length=10, verbose_name='share of')),
                    ('quorum_numerator', models.PositiveSmallIntegerField(default=2, verbose_name='quorum (numerator)')),
                    ('quorum_denominator', models.PositiveSmallIntegerField(default=3, verbose_name='quorum (denominator)')),
                    ('source', models.CharField(blank=True, max_length=500, verbose_name='source')),
                    ('award_type', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='council_policy', to='nominations.awardtype', verbose_name='award type')),
                ],
                options={
                    'verbose_name': 'council voting policy',
                    'verbose_name_plural': 'council voting policies',
                    'db_table': 'eligibility_councilpolicy',
                    'constraints': [models.CheckConstraint(condition=models.Q(('threshold_denominator__gt', 0), ('quorum_denominator__gt', 0), ('threshold_numerator__lte', models.F('threshold_denominator')), ('quorum_numerator__lte', models.F('quorum_denominator'))), name='council_policy_fractions')],
                },
            ),
            migrations.AddConstraint(
                model_name='councilsession',
                constraint=models.CheckConstraint(condition=models.Q(('members_present__lte', models.F('total_members'))), name='council_present_within_members'),
            ),
            migrations.AddConstraint(
                model_name='councilballot',
                constraint=models.UniqueConstraint(fields=('session', 'nomination'), name='one_ballot_per_session_nomination'),
            ),
            ],
            database_operations=[],
        ),
    ]
