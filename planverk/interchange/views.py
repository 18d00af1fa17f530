"""Documents in and out of the browser: the upload of a strategy document (read it,
show the report, store it on confirmation), and the planverk/1 download.

Nothing reaches the strategy tables until the uploader confirms; until then the
parsed document waits in a PendingImport row that only its uploader can use.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planverk.importers import ParseError, parse
from planverk.interchange.dump import dump, load_for_dump, to_json
from planverk.interchange.forms import UploadForm
from planverk.interchange.load import DocumentError, load
from planverk.interchange.summary import counts
from planverk.interchange.warnings import (
    language_name,
    layout_name,
    refusal,
    refusal_message,
    warning_label,
    warning_message,
)
from planverk.organizations.models import Organization
from planverk.strategies.choices import StrategyState
from planverk.strategies.limits import TooMuch, check_strategy
from planverk.strategies.models import PendingImport
from planverk.strategies.permissions import Action, can, require
from planverk.strategies.visibility import visible_strategy

IMPORTS_DIR = "imports"
# summary.counts() names what it counts in English, for the terminal.
COUNT_LABELS = {
    "themes": gettext_lazy("Themes"),
    "goals": gettext_lazy("National goals"),
    "measures": gettext_lazy("Measures"),
    "action items": gettext_lazy("Action plan items"),
    "revisions": gettext_lazy("Decisions and revisions"),
}


def _organization(request: HttpRequest, org: str) -> Organization:
    organization = get_object_or_404(Organization, slug=org)
    require(request.user, Action.CREATE_STRATEGY, organization)
    return organization


def _pending(
    request: HttpRequest, organization: Organization, pk: int
) -> PendingImport:
    """The user's own pending import; anyone else's is not found."""
    return get_object_or_404(
        PendingImport, pk=pk, organization=organization, user=request.user
    )


@contextmanager
def _saved(upload: UploadedFile) -> Iterator[Path]:
    """The upload under MEDIA_ROOT/imports/, by a random name keeping the suffix,
    for the block to read and keep; removed again if the block fails in any way,
    so that only a PendingImport ever holds a file."""
    folder = Path(settings.MEDIA_ROOT) / IMPORTS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (secrets.token_hex(16) + Path(upload.name or "").suffix.lower())
    try:
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        yield path
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _read(path: Path, filename: str, language: str) -> dict[str, Any]:
    """The planverk/1 document in *path*, as a draft named after the uploaded file."""
    document = parse(path, language=language or None).document
    check_strategy(document["strategy"])  # before the report shows what cannot be kept
    # Every upload starts as a draft: publishing goes through the decision log.
    document["strategy"]["state"] = StrategyState.DRAFT
    report = document.get("import_report")
    if report:
        report["source"]["filename"] = filename
    return document


def _store(
    upload: UploadedFile, language: str, organization: Organization, user_id: int
) -> PendingImport:
    """*upload* saved, read and waiting for its uploader's confirmation."""
    name = upload.name or ""
    with _saved(upload) as path:
        document = _read(path, name, language)
        return PendingImport.objects.create(
            organization=organization,
            user_id=user_id,
            filename=name,
            stored_name=str(path.relative_to(settings.MEDIA_ROOT)),
            document=document,
        )


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, org: str) -> HttpResponse:
    organization = _organization(request, org)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        assert request.user.pk is not None  # login_required
        try:
            pending = _store(
                upload, form.cleaned_data["language"], organization, request.user.pk
            )
        except (ParseError, TooMuch) as e:
            # In plain words; "choose the language below" means the form's field.
            form.add_error("document", refusal(e, upload.name or ""))
        else:
            return redirect(_report_url(pending))
    status = 400 if form.is_bound else 200
    context = {"organization": organization, "form": form}
    return render(request, "strategies/publish/upload.html", context, status=status)


def _report_url(pending: PendingImport) -> str:
    return reverse("interchange:report", args=[pending.organization.slug, pending.pk])


def _warnings_by_code(document: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    grouped: dict[str, list[Any]] = defaultdict(list)
    for warning in (document.get("import_report") or {}).get("warnings", []):
        grouped[warning["code"]].append(warning)
    return sorted(grouped.items())


def _warning_groups(
    warnings: list[tuple[str, list[Any]]],
) -> list[dict[str, Any]]:
    """Each code's warnings under its label, each with its line and message in
    the reader's language (warnings.py); the code itself only as data."""
    return [
        {
            "code": code,
            "label": warning_label(code, len(items)),
            "items": [
                {"line": w.get("line"), "message": warning_message(w)} for w in items
            ],
        }
        for code, items in warnings
    ]


def _report_context(pending: PendingImport) -> dict[str, Any]:
    document = pending.document
    warnings = _warnings_by_code(document)
    source = (document.get("import_report") or {}).get("source") or {}
    return {
        "organization": pending.organization,
        "pending": pending,
        "document": document,
        "source": source,
        "layout": layout_name(source.get("layout")),
        "language": language_name(source.get("language")),
        "warning_groups": _warning_groups(warnings),
        "counts": [
            (COUNT_LABELS.get(what, what), n) for what, n in counts(document).items()
        ],
        "warning_total": sum(len(ws) for _code, ws in warnings),
    }


@login_required
@require_GET
def report(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    pending = _pending(request, _organization(request, org), pk)
    return render(request, "strategies/publish/report.html", _report_context(pending))


def _discard(pending: PendingImport) -> None:
    """Delete the row, and its file once the deletion is committed."""
    path = Path(settings.MEDIA_ROOT) / pending.stored_name
    if pending.stored_name:
        transaction.on_commit(lambda: path.unlink(missing_ok=True))
    pending.delete()


@login_required
@require_POST
def confirm(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organization = _organization(request, org)
    with transaction.atomic():
        pending = _pending(request, organization, pk)
        if pending.expired:
            context = _report_context(pending)
            context["error"] = _("This upload is more than a day old; upload it again.")
            return render(
                request, "strategies/publish/report.html", context, status=409
            )
        try:
            strategy = load(
                pending.document,
                organization=organization.slug,
                user=request.user,
                reason=f"upload {pending.filename}",
            )
        except DocumentError as e:
            context = _report_context(pending)
            context["error"] = refusal_message(e)
            return render(
                request, "strategies/publish/report.html", context, status=400
            )
        _discard(pending)
    messages.success(request, _("The strategy is stored as a draft."))
    return redirect("strategies:publishing_panel", organization.slug, strategy.pk)


@login_required
@require_POST
def cancel(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organization = _organization(request, org)
    _discard(_pending(request, organization, pk))
    messages.info(request, _("The upload is cancelled; nothing was stored."))
    return redirect("interchange:upload", organization.slug)


@require_GET
def download(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    """The strategy as planverk/1 JSON; without exempt parts for the public."""
    strategy = visible_strategy(request.user, org, pk)
    document = dump(load_for_dump(strategy.pk, reader=request.user))
    if not can(request.user, Action.VIEW_EXEMPT, strategy):
        # The importer's warnings quote the source document, exempt parts included.
        document["import_report"] = None
    response = HttpResponse(
        to_json(document), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{org}-{pk}.planverk.json"'
    return response
