"""The decision-log model is Decision: Part.revision is the edit counter."""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [
        ("strategies", "0003_exemption_basis"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel("Revision", "Decision"),
        migrations.RenameModel("HistoricalRevision", "HistoricalDecision"),
        migrations.AlterField(
            model_name="decision",
            name="strategy",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="decisions",
                to="strategies.strategy",
            ),
        ),
    ]
