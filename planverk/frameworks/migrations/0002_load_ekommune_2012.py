"""Ship the national agenda eKommune 2012 with every database."""

from django.db import migrations

from planverk.format.agendas import read_framework
from planverk.frameworks.loading import load_framework


def load(apps, schema_editor):
    load_framework(read_framework("ekommune-2012"), apps)


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
