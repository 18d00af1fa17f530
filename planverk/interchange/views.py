"""Documents in and out of the browser: the upload of a strategy document (read it,
show the report, store it on confirmation), and the planverk/1 download.

Nothing reaches the strategy tables until the uploader confirms; until then the
parsed document waits in a PendingImport row that only its uploader can use.
Where the organisation has a strategy already, the upload may become its next
version: the report then shows which earlier part each part continues
(matching.py), the editor may correct that, and confirming stores the document
as a new draft in the earlier version's lineage, its parts keeping the keys.
"""

from __future__ import annotations

import copy
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
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planverk.importers import ParseError, parse
from planverk.interchange.dump import dump, load_for_dump, to_json
from planverk.interchange.forms import (
    VERSION_PARAM,
    MatchingForm,
    UploadForm,
    VersionForm,
)
from planverk.interchange.load import DocumentError, check_keys, load
from planverk.interchange.matching import give_keys
from planverk.interchange.new_version import (
    chosen_version,
    matchings,
    offered_versions,
    unit_suggestions,
)
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
from planverk.strategies.models import PendingImport, Strategy
from planverk.strategies.permissions import Action, can, require
from planverk.strategies.validation import KeyField, Query, whole_number
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
KIND_HEADINGS = {
    "themes": gettext_lazy("Themes"),
    "measures": gettext_lazy("Measures"),
    "goal_assessments": gettext_lazy("National goals"),
    "action_plan": gettext_lazy("Action plan items"),
    "sections": gettext_lazy("Chapters"),
}
# How matching.py found the part a new one continues.
HOW = {
    "key": gettext_lazy("the same key"),
    "text": gettext_lazy("the same text"),
    "number": gettext_lazy("the same number, similar text"),
    "chosen": gettext_lazy("as you chose"),
    "": gettext_lazy("no earlier part found"),
}


class ReportQuery(Query):
    versjon = KeyField(required=False)


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
    check_keys(document)  # a planverk/1 file may bring keys, each its own
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
    offered = offered_versions(organization)
    form = UploadForm(request.POST or None, request.FILES or None, offered=offered)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        assert request.user.pk is not None  # login_required
        try:
            pending = _store(
                upload, form.cleaned_data["language"], organization, request.user.pk
            )
        except (ParseError, TooMuch, DocumentError) as e:
            # In plain words; "choose the language below" means the form's field.
            form.add_error("document", refusal(e, upload.name or ""))
        else:
            return redirect(_report_url(pending, form.cleaned_data.get("revises")))
    status = 400 if form.is_bound else 200
    context = {"organization": organization, "form": form}
    return render(request, "strategies/publish/upload.html", context, status=status)


def _report_url(pending: PendingImport, revises: int | None = None) -> str:
    url = reverse("interchange:report", args=[pending.organization.slug, pending.pk])
    return f"{url}?{VERSION_PARAM}={revises}" if revises else url


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


def _report_context(
    pending: PendingImport,
    offered: list[Strategy],
    earlier: Strategy | None = None,
    form: MatchingForm | None = None,
) -> dict[str, Any]:
    """What the report shows; with *earlier*, the matching to that version (in
    *form*, the editor's corrections as posted)."""
    document = pending.document
    warnings = _warnings_by_code(document)
    source = (document.get("import_report") or {}).get("source") or {}
    if earlier is not None and form is None:
        form = MatchingForm(matchings(document, earlier))
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
        "version_form": VersionForm(offered, earlier) if offered else None,
        "earlier": earlier,
        "matching": [] if form is None else _matching_rows(form),
        "unit_pairs": unit_suggestions(document, pending.organization),
    }


def _matching_rows(form: MatchingForm) -> list[dict[str, Any]]:
    """Per kind, each new part with its choice, and the earlier parts left out."""
    return [
        {
            "kind": matching.kind,
            "heading": KIND_HEADINGS[matching.kind],
            "rows": [
                {
                    "part": m.new.label,
                    "field": form[form.name(matching.kind, i)],
                    "how": HOW[m.how],
                }
                for i, m in enumerate(matching.matches)
            ],
            "dropped": [p.label for p in matching.dropped],
        }
        for matching in form.matchings
        if matching.matches or matching.earlier
    ]


@login_required
@require_GET
def report(request: HttpRequest, org: str, pk: int) -> HttpResponse:
    organization = _organization(request, org)
    pending = _pending(request, organization, pk)
    offered = offered_versions(organization)
    wanted = ReportQuery(request.GET).values()["versjon"]
    earlier = chosen_version(offered, wanted)
    if wanted is not None and earlier is None:
        raise Http404  # not a strategy of the organisation's, or not its newest
    context = _report_context(pending, offered, earlier)
    return render(request, "strategies/publish/report.html", context)


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
    offered = offered_versions(organization)
    with transaction.atomic():
        pending = _pending(request, organization, pk)

        def again(status: int, error: str = "", **more: Any) -> HttpResponse:
            context = {**_report_context(pending, offered, **more), "error": error}
            return render(
                request, "strategies/publish/report.html", context, status=status
            )

        if pending.expired:
            return again(409, _("This upload is more than a day old; upload it again."))
        document = copy.deepcopy(pending.document)
        earlier = None
        if request.POST.get("revises"):
            earlier = chosen_version(offered, whole_number(request.POST["revises"]))
            if earlier is None:  # another version was made meanwhile, or no such
                return again(
                    422,
                    _(
                        "The version this upload was to follow is no longer the "
                        "newest of its strategy. Choose again."
                    ),
                )
            form = MatchingForm(matchings(document, earlier), request.POST)
            if not form.is_valid():
                return again(422, earlier=earlier, form=form)
            give_keys(form.corrected())
        try:
            strategy = load(
                document,
                organization=organization.slug,
                user=request.user,
                reason=f"upload {pending.filename}",
                revises=earlier,
            )
        except DocumentError as e:
            return again(400, refusal_message(e))
        _discard(pending)
    if earlier is None:
        messages.success(request, _("The strategy is stored as a draft."))
    else:
        messages.success(
            request,
            _("The document is stored as a new draft version of %(strategy)s.")
            % {"strategy": earlier.version_text()},
        )
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
