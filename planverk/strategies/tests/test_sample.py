"""The generated sample organisations load, export and come back unchanged."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from planverk.interchange.dump import dump, load_for_dump
from planverk.interchange.load import load
from planverk.interchange.tests.test_keys import without_keys
from planverk.organizations.models import Membership, Organization
from planverk.sample import generate
from planverk.sample.loading import load_sample
from planverk.strategies.models import GoalAssessment, Strategy

pytestmark = pytest.mark.django_db


def test_generated_documents_survive_export_import_export() -> None:
    for document in generate(4, seed=7):
        first = dump(load_for_dump(load(document).pk))
        second = dump(load_for_dump(load(first).pk))
        assert second == first
        # What went in comes out, with the links, flags and keys Planverk adds.
        keyless = without_keys(first)["strategy"]
        assert keyless["themes"] == document["strategy"]["themes"]
        assert keyless["action_plan"] == document["strategy"]["action_plan"]
        assert all(a["framework_goal"] for a in first["strategy"]["goal_assessments"])


def test_sample_goal_assessments_link_to_the_national_agenda() -> None:
    load_sample(2, seed=1)
    assert GoalAssessment.objects.filter(framework_goal__isnull=True).count() == 0
    assert GoalAssessment.objects.count() >= 2 * 40


def test_the_demo_sets_up_data_and_logins_without_serving() -> None:
    call_command("demo", orgs=3, seed=1, no_serve=True)
    assert Organization.objects.count() == 3
    assert Strategy.objects.count() >= 3
    demo = get_user_model().objects.get(username="demo")
    assert demo.check_password("demo")
    assert Membership.objects.filter(user=demo, role="editor").count() == 1
    assert get_user_model().objects.get(username="admin").is_superuser
    # Plans that live: approved revisions (a measure reworded, one removed, one
    # added), and the demo editor's organisation with a draft revision too.
    revised = Strategy.objects.filter(revised_from__isnull=False)
    approved = revised.filter(state="approved")
    assert approved.exists()
    for new in approved:
        before = new.revised_from
        assert before is not None and before.lineage == new.lineage
        assert before.state == "superseded"
    edited = Membership.objects.get(user=demo).organization
    assert revised.filter(organization=edited, state="draft").exists()
    counts = Strategy.objects.count()
    call_command("demo", orgs=3, seed=1, no_serve=True)  # a second run changes nothing
    assert Organization.objects.count() == 3
    assert Strategy.objects.count() == counts
