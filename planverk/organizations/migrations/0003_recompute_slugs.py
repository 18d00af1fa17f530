"""Slugs made by the one rule (planverk.lib.slugs): "Liøy kommune" is
"lioy-kommune" now, not "liy-kommune". Each organisation whose slug the old rule
(Django's slugify alone) made from its name, possibly with a "-2"-style suffix,
gets the slug the new rule makes; the old one is kept as a PreviousSlug, so
links already published answer 301 to the new one. Slugs set by hand, and those
both rules agree on ("askeas"), stay as they are.
"""

import re

from django.db import migrations
from django.utils import timezone
from django.utils.text import slugify

from planverk.lib.slugs import slug_of

LENGTH = 190  # as unique_slug() cuts the base


def _made_by_the_old_rule(slug, name):
    base = slugify(name)[:LENGTH] or "org"
    return re.fullmatch(re.escape(base) + r"(-[0-9]+)?", slug) is not None


def recompute_slugs(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    PreviousSlug = apps.get_model("organizations", "PreviousSlug")
    taken = set(Organization.objects.values_list("slug", flat=True))
    taken |= set(PreviousSlug.objects.values_list("slug", flat=True))
    for organization in Organization.objects.order_by("pk"):
        old = organization.slug
        base = slug_of(organization.name)[:LENGTH] or "org"
        if not _made_by_the_old_rule(old, organization.name):
            continue
        if old == base or re.fullmatch(re.escape(base) + r"-[0-9]+", old):
            continue  # the new rule gives this slug too
        new, n = base, 1
        while new in taken:
            n += 1
            new = f"{base}-{n}"
        Organization.objects.filter(pk=organization.pk).update(slug=new)
        PreviousSlug.objects.create(
            organization=organization, slug=old, replaced_at=timezone.now()
        )
        taken.add(new)


class Migration(migrations.Migration):
    dependencies = [
        ("organizations", "0002_history_attribution_previous_slug"),
    ]

    operations = [
        migrations.RunPython(recompute_slugs, migrations.RunPython.noop),
    ]
