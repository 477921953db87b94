"""The council's models now belong to the council app (council 0001): state only, the
tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("eligibility", "0001_initial"),
        ("council", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="councilpolicy",
                    name="award_type",
                ),
                migrations.RemoveField(
                    model_name="councilsession",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="historicalcouncilballot",
                    name="session",
                ),
                migrations.RemoveField(
                    model_name="historicalcouncilballot",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalcouncilballot",
                    name="nomination",
                ),
                migrations.RemoveField(
                    model_name="historicalcouncilpolicy",
                    name="award_type",
                ),
                migrations.RemoveField(
                    model_name="historicalcouncilpolicy",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalcouncilsession",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="historicalcouncilsession",
                    name="history_user",
                ),
                migrations.DeleteModel(
                    name="CouncilBallot",
                ),
                migrations.DeleteModel(
                    name="CouncilPolicy",
                ),
                migrations.DeleteModel(
                    name="CouncilSession",
                ),
                migrations.DeleteModel(
                    name="HistoricalCouncilBallot",
                ),
                migrations.DeleteModel(
                    name="HistoricalCouncilPolicy",
                ),
                migrations.DeleteModel(
                    name="HistoricalCouncilSession",
                ),
            ],
            database_operations=[],
        ),
    ]
