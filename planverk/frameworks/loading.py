"""Shipped national agendas (data files) → database rows."""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.db import transaction


@transaction.atomic
def load_framework(data: dict[str, Any], apps: Apps = global_apps) -> Any:
    """Create or update the framework *data* describes (see format/agendas/).

    Takes an app registry so the initial data migration can use it with the
    historical models. Goals and areas no longer in the file are kept: strategies
    may still point at them.
    """
    framework_model = apps.get_model("frameworks", "Framework")
    area_model = apps.get_model("frameworks", "FrameworkArea")
    goal_model = apps.get_model("frameworks", "FrameworkGoal")
    framework, _ = framework_model.objects.update_or_create(
        slug=data["slug"],
        defaults={
            "name": data["name"],
            "publisher": data["publisher"],
            "published": data["published"],
            "language": data["language"],
            "source": data["source"],
        },
    )
    for area_data in data["areas"]:
        area, _ = area_model.objects.update_or_create(
            framework=framework,
            number=area_data["number"],
            defaults={"title": area_data["title"]},
        )
        for goal in area_data["goals"]:
            goal_model.objects.update_or_create(
                area=area,
                number=goal["number"],
                defaults={
                    "deadline": goal["deadline"],
                    "text": goal["text"],
                    "note": goal.get("note") or "",
                },
            )
    return framework
