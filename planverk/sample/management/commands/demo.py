"""`planverk demo`: a working Planverk on SQLite with sample data, in one command."""

from __future__ import annotations

import os
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from planverk.organizations.models import Membership, Organization, Role
from planverk.sample.action_plans import plan_all
from planverk.sample.loading import load_sample
from planverk.sample.revisions import draft_revision, revise_some

DEMO_PASSWORD = "demo"  # the demo's logins are printed for anyone to use
DEMO_SETTINGS = "planverk.demo_settings"  # DEBUG off: Planverk's own error pages


class Command(BaseCommand):
    help = "Migrate, load the national agenda and sample strategies, create demo logins, serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--orgs", type=int, default=12)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="set up only")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("framework", "load", stdout=self.stdout)
        fresh = not Organization.objects.exists()
        if fresh:
            self.stdout.write(f"generating {options['orgs']} sample organisations …")
            load_sample(options["orgs"], options["seed"], progress=self.stdout.write)
        editor_of = self.create_logins()
        if fresh:  # plans that live: newer versions, a draft revision, a unit to merge
            admin = get_user_model().objects.get(username="admin")
            revise_some(3, seed=options["seed"], user=admin)
            if editor_of is not None:
                draft_revision(editor_of, user=admin)
            plan_all(user=admin)  # approved plans, with spending below and above budget
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(
            f"\nPlanverk demo: {url}\n"
            f"  login 'demo' / '{DEMO_PASSWORD}': editor of {editor_of or 'none'}\n"
            f"  login 'admin' / '{DEMO_PASSWORD}': site administrator ({url}admin/)\n"
        )
        if not options["no_serve"]:
            os.environ["DJANGO_SETTINGS_MODULE"] = DEMO_SETTINGS  # gunicorn's, by exec
            call_command("serve", host=options["host"], port=options["port"])

    def create_logins(self) -> Organization | None:
        """The demo's logins; the organisation the demo editor edits."""
        users = get_user_model()
        admin, _ = users.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True}
        )
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        demo, _ = users.objects.get_or_create(username="demo")
        demo.set_password(DEMO_PASSWORD)
        demo.save()
        org = Organization.objects.order_by("name").first()
        if org is not None:
            Membership.objects.get_or_create(
                user=demo, organization=org, defaults={"role": Role.EDITOR}
            )
        return org
