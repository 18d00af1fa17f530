"""Writing a draft's records: its own fields, the action plan, its stated
totals, chapters (with a Markdown preview), the decision log and the glossary.

Every view finds the strategy through the one disclosure rule, refuses a
version that is not a draft (removal.Frozen: 409, for everyone who may see
it) and then anyone who may not edit it (403), and writes through one
function of actions/records.py. Bad input comes back with its errors next to
the fields (422); an edit someone else saved first comes back with the
stored values beside the editor's (409).

Two shapes of page, both working with htmx and without JavaScript:

* form pages (the strategy's fields, an action item, a chapter): without
  JavaScript the form posts and redirects (POST/redirect/GET); with htmx an
  invalid form swaps in place, and a save sends the browser on (HX-Redirect);
* lists edited in place (stated totals, decisions, glossary terms): one
  fragment holds the rows, the row being edited as its form, and the form to
  add one; with htmx every answer is that fragment, swapped whole.

Removing asks on a page of its own, which says where the record is still
used; the removal can be undone from the history page (actions/removal.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import ChoiceField, ModelChoiceField
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from planverk.lib.markdown import render_markdown
from planverk.strategies.actions import records as actions
from planverk.strategies.actions import removal
from planverk.strategies.actions.editing import EditConflict
from planverk.strategies.forms_records import (
    ActionItemForm,
    BudgetTotalForm,
    DecisionForm,
    GlossaryTermForm,
    MoveForm,
    RecordForm,
    RemoveForm,
    SectionForm,
    StrategyFieldsForm,
)
from planverk.strategies.models import (
    ActionItem,
    BudgetTotal,
    Decision,
    GlossaryTerm,
    Section,
    Strategy,
)
from planverk.strategies.models.budget import covers
from planverk.strategies.views.drafting import (
    GET_POST,
    RECORDS,
    View,
    add_errors,
    authoring,
    done,
    draft_for,
    respond,
)
from planverk.strategies.views.fragments import HtmxHttpRequest, swaps_part

PAGE = RECORDS + "page.html"


# What every view here shares


def _url(name: str, strategy: Strategy, *args: Any) -> str:
    return reverse(
        f"strategies:{name}", args=[strategy.organization.slug, strategy.pk, *args]
    )


def stored(record: Any, names: tuple[str, ...]) -> dict[str, Any]:
    """What *record* holds under *names*, as its form and its action take it."""
    values = {name: getattr(record, name) for name in names}
    if isinstance(record, Decision) and "date" in values:
        values["date"] = record.date_text or ""
    return values


def initial(form_class: type[RecordForm], record: Any, names: tuple[str, ...]) -> Any:
    return form_class.initial_from(
        stored(record, names), getattr(record, "revision", None)
    )


@dataclass(frozen=True)
class Saved:
    """What became of a form sent to be saved: the record, or the status to
    answer with (422 bad input, 409 stale), and for 409 the stored record."""

    record: Any = None
    status: int = 200
    current: Any = None


def save(form: RecordForm, write: Callable[[dict[str, Any], Any], Any]) -> Saved:
    """Validate *form* and write its values with *write*(values, revision)."""
    if not form.is_valid():
        return Saved(status=422)
    try:
        return Saved(write(form.values(), form.cleaned_data.get("revision")))
    except EditConflict as conflict:
        return Saved(status=409, current=conflict.current)
    except ValidationError as error:
        add_errors(form, error)
        return Saved(status=422)


def differences(form: RecordForm, current: Any) -> list[dict[str, Any]]:
    """The fields where the refused form and the stored record differ, as text."""
    now = stored(current, tuple(form.values()))
    return [
        {
            "label": form.fields[name].label,
            "mine": as_text(form, name, value),
            "current": as_text(form, name, now[name]),
        }
        for name, value in form.values().items()
        if value != now[name]
    ]


def as_text(form: RecordForm, name: str, value: Any) -> str:
    """A value of *form*'s field *name* as the reader reads it."""
    field = form.fields[name]
    if isinstance(field, ChoiceField) and not isinstance(field, ModelChoiceField):
        return str(dict(field.choices).get(value, value))  # type: ignore[arg-type]
    if isinstance(value, list):
        return "; ".join(value)
    return "" if value is None else str(value)


def at_revision(request: HtmxHttpRequest, revision: int) -> Any:
    """The posted data at *revision*: the form to save again after a conflict."""
    data = request.POST.copy()
    data["revision"] = str(revision)
    return data


Page = Callable[..., HttpResponse]  # page(form, status=200, conflict=None)


def add_record(
    request: HtmxHttpRequest,
    form: RecordForm,
    add: Callable[[dict[str, Any]], Any],
    *,
    page: Page,
    saved: Callable[[Any], HttpResponse],
) -> HttpResponse:
    """GET: the empty *form*; POST: *add*(values), then *saved*(the record)."""
    if request.method == "POST":
        result = save(form, lambda values, _revision: add(values))
        if result.record is not None:
            return saved(result.record)
        return page(form, status=result.status)
    return page(form)


def edit_record(
    request: HtmxHttpRequest,
    form_class: type[RecordForm],
    record: Any,
    names: tuple[str, ...],
    write: Callable[[dict[str, Any], Any], Any],
    *,
    page: Page,
    saved: Callable[[Any], HttpResponse],
    **form_kwargs: Any,
) -> HttpResponse:
    """GET: *record*'s form; POST: *write*(values, revision), then *saved*(it).

    A save someone else's came before answers 409: the posted values at the
    stored revision, with the fields that differ (``conflict``)."""
    if request.method == "GET":
        values = initial(form_class, record, names)
        return page(form_class(initial=values, **form_kwargs))
    form = form_class(request.POST, **form_kwargs)
    result = save(form, write)
    if result.record is not None:
        return saved(result.record)
    if result.status == 409:
        rows = differences(form, result.current)
        data = at_revision(request, result.current.revision)
        return page(form_class(data, **form_kwargs), status=409, conflict=rows)
    return page(form, status=result.status)


# The strategy's own fields


@authoring
@GET_POST
def strategy_fields(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    """A draft's title, period, version label, language, vision and agenda."""
    strategy = draft_for(request, org, pk)
    return edit_record(
        request,
        StrategyFieldsForm,
        strategy,
        actions.STRATEGY_FIELDS,
        lambda values, revision: actions.update_strategy_fields(
            strategy, values, loaded_revision=revision, user=request.user
        ),
        page=lambda form, **shown: _fields_page(request, strategy, form, **shown),
        saved=lambda _strategy: done(
            request,
            _url("strategy_edit", strategy),
            _("The strategy's own fields are saved."),
        ),
        strategy=strategy,
    )


def _fields_page(
    request: HtmxHttpRequest,
    strategy: Strategy,
    form: StrategyFieldsForm,
    status: int = 200,
    conflict: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    context = {
        "strategy": strategy,
        "form": form,
        "title": _("The strategy's own fields"),
        "url": _url("strategy_fields", strategy),
        "conflict": conflict,
    }
    return respond(
        request, RECORDS + "_strategy_fields.html", context, status, page=PAGE
    )


# The action plan


@authoring
@GET_POST
def action_item_list(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    """The action plan's items, each to change or remove, and the way to add one."""
    strategy = draft_for(request, org, pk)
    context = {
        "strategy": strategy,
        "items": strategy.action_items.all(),
        "title": _("Action plan"),
        "removed": removal.removed_parts(strategy, ["handlingsplan"]),
    }
    return respond(request, RECORDS + "_action_items.html", context, page=PAGE)


@authoring
@GET_POST
def action_item_add(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = draft_for(request, org, pk)
    return add_record(
        request,
        ActionItemForm(request.POST or None, strategy=strategy, adding=True),
        lambda values: actions.add_action_item(strategy, values, user=request.user),
        page=lambda form, **shown: _item_page(request, strategy, form, None, **shown),
        saved=lambda item: _item_saved(request, strategy, item),
    )


@authoring
@GET_POST
def action_item_change(
    request: HtmxHttpRequest, org: str, pk: int, number: str
) -> HttpResponse:
    """Every field of one action item (its amount alone: editing.action_item_edit)."""
    strategy = draft_for(request, org, pk)
    item = _item(strategy, number)
    return edit_record(
        request,
        ActionItemForm,
        item,
        actions.ACTION_ITEM_FIELDS,
        lambda values, revision: actions.update_action_item(
            item, values, loaded_revision=revision, user=request.user
        ),
        page=lambda form, **shown: _item_page(request, strategy, form, item, **shown),
        saved=lambda saved: _item_saved(request, strategy, saved),
        strategy=strategy,
    )


def _item(strategy: Strategy, number: str) -> ActionItem:
    item = get_object_or_404(ActionItem, strategy=strategy, number=number)
    item.strategy = strategy
    return item


def _item_saved(
    request: HtmxHttpRequest, strategy: Strategy, item: ActionItem
) -> HttpResponse:
    url = f"{_url('action_item_list', strategy)}#item-{item.pk}"
    message = _("Action item %(number)s is saved.") % {"number": item.number}
    return done(request, url, message)


def _item_page(
    request: HtmxHttpRequest,
    strategy: Strategy,
    form: ActionItemForm,
    item: ActionItem | None,
    status: int = 200,
    conflict: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    if item is None:
        title, url = _("New action item"), _url("action_item_add", strategy)
    else:
        title = _("Action item %(number)s") % {"number": item.number}
        url = _url("action_item_change", strategy, item.number)
    context = {
        "strategy": strategy,
        "item": item,
        "form": form,
        "title": title,
        "url": url,
        "back": _url("action_item_list", strategy),
        "conflict": conflict,
        "next_number": actions.next_item_number(strategy) if item is None else "",
    }
    return respond(
        request, RECORDS + "_action_item_form.html", context, status, page=PAGE
    )


# Chapters


@authoring
@GET_POST
def section_list(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    """The chapters in order, each to edit, move or remove."""
    strategy = draft_for(request, org, pk)
    return _sections(request, strategy)


def _sections(
    request: HtmxHttpRequest, strategy: Strategy, status: int = 200
) -> HttpResponse:
    context = {
        "strategy": strategy,
        "sections": list(strategy.sections.all()),
        "title": _("Chapters"),
        "removed": removal.removed_parts(strategy, ["kapittel"]),
        "moved_meanwhile": status == 409,
    }
    return respond(request, RECORDS + "_sections.html", context, status, page=PAGE)


@authoring
@GET_POST
def section_add(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    strategy = draft_for(request, org, pk)
    return add_record(
        request,
        SectionForm(request.POST or None, adding=True),
        lambda values: actions.add_section(strategy, values, user=request.user),
        page=lambda form, **shown: _section_page(
            request, strategy, form, None, **shown
        ),
        saved=lambda section: _section_saved(request, strategy, section),
    )


@authoring
@GET_POST
def section_edit(
    request: HtmxHttpRequest, org: str, pk: int, place: int
) -> HttpResponse:
    strategy = draft_for(request, org, pk)
    section = _section(strategy, place)
    return edit_record(
        request,
        SectionForm,
        section,
        actions.SECTION_FIELDS,
        lambda values, revision: actions.update_section(
            section, values, loaded_revision=revision, user=request.user
        ),
        page=lambda form, **shown: _section_page(
            request, strategy, form, section, **shown
        ),
        saved=lambda saved: _section_saved(request, strategy, saved),
    )


@authoring
@GET_POST
def section_preview(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
    """The chapter's Markdown as the public pages will show it, not saved.

    With htmx the preview alone (the form asks for it as the text changes);
    without JavaScript the form again, as it was sent, with the preview. A GET
    (a preview's address opened again) goes on to a new chapter's form.
    """
    strategy = draft_for(request, org, pk)
    if request.method == "GET":
        return redirect(_url("section_add", strategy))
    # Inside the form's page the preview's headings start below its own <h2>.
    preview = render_markdown(request.POST.get("text", ""), top=3)
    if swaps_part(request):
        return render(request, RECORDS + "_preview.html", {"preview": preview})
    place = request.POST.get("place", "")
    section = _section(strategy, int(place)) if place.isdigit() else None
    form = SectionForm(initial=request.POST.dict(), adding=section is None)
    return _section_page(request, strategy, form, section, preview=preview)


def _section(strategy: Strategy, place: int) -> Section:
    section = get_object_or_404(Section, strategy=strategy, position=place - 1)
    section.strategy = strategy
    return section


def _section_saved(
    request: HtmxHttpRequest, strategy: Strategy, section: Section
) -> HttpResponse:
    url = f"{_url('section_list', strategy)}#section-{section.pk}"
    return done(
        request, url, _("The chapter “%(title)s” is saved.") % {"title": section.title}
    )


def _section_page(
    request: HtmxHttpRequest,
    strategy: Strategy,
    form: SectionForm,
    section: Section | None,
    status: int = 200,
    conflict: list[dict[str, Any]] | None = None,
    preview: str | None = None,
) -> HttpResponse:
    if section is None:
        title, url = _("New chapter"), _url("section_add", strategy)
    else:
        title = str(section)
        url = _url("section_edit", strategy, section.place)
    context = {
        "strategy": strategy,
        "section": section,
        "form": form,
        "title": title,
        "url": url,
        "preview_url": _url("section_preview", strategy),
        "preview": preview,
        "back": _url("section_list", strategy),
        "conflict": conflict,
        "title_lang": strategy.language if section is not None else "",
    }
    return respond(request, RECORDS + "_section_form.html", context, status, page=PAGE)


@authoring
@require_POST
def section_move(
    request: HtmxHttpRequest, org: str, pk: int, place: int
) -> HttpResponse:
    strategy = draft_for(request, org, pk)
    section = _section(strategy, place)
    status = _move(
        request,
        lambda step, revision: actions.move_section(
            section, step, loaded_revision=revision, user=request.user
        ),
        revised=True,
    )
    if not swaps_part(request) and status == 200:
        return redirect(_url("section_list", strategy))
    return _sections(request, strategy, status)


def _move(
    request: HtmxHttpRequest, move: Callable[[int, Any], Any], *, revised: bool
) -> int:
    """Move a record as the posted MoveForm says; the status to answer with."""
    form = MoveForm(request.POST, revised=revised)
    if not form.is_valid():
        return 422
    try:
        move(form.cleaned_data["step"], form.cleaned_data.get("revision"))
    except EditConflict:
        return 409  # someone else changed it first: show the order as it is now
    return 200


# Lists edited in place: stated totals, decisions, glossary terms


@dataclass(frozen=True)
class InPlace:
    """One kind of record listed and edited on one page.

    *key* names the rows' ids and the row template (``_<key>.html``); the
    actions are called as actions/records.py has them, *revised* says whether
    the record has a revision to compare and set.
    """

    key: str
    removal_kind: str  # its name in removal.KINDS
    title: Any  # lazy, as the two below: the page's heading
    add_title: Any  # the heading of the form that adds one
    model: type[Model]
    form_class: type[RecordForm]
    fields: tuple[str, ...]
    rows: Callable[[Strategy], Iterable[Any]]
    add: Callable[..., Any]
    update: Callable[..., Any]
    remove: Callable[..., Any]
    # What removing a record is called, and where it is still used.
    described: Callable[[Strategy, Any], tuple[str, list[str]]]
    move: Callable[..., Any] | None = None
    revised: bool = True

    @property
    def list_name(self) -> str:
        return f"{self.key}_list"

    @property
    def movable(self) -> bool:
        return self.move is not None

    @property
    def edit_name(self) -> str:
        return f"strategies:{self.key}_edit"

    @property
    def move_name(self) -> str:
        return f"strategies:{self.key}_move"

    @property
    def remove_name(self) -> str:
        return f"strategies:{self.key}_remove"

    def form(self, strategy: Strategy, *args: Any, **kwargs: Any) -> RecordForm:
        return self.form_class(*args, strategy=strategy, **kwargs)

    def record(self, strategy: Strategy, pk: int) -> Any:
        record: Any = get_object_or_404(self.model, strategy=strategy, pk=pk)
        record.strategy = strategy
        return record

    def page(
        self,
        request: HtmxHttpRequest,
        strategy: Strategy,
        *,
        add_form: RecordForm | None = None,
        editing: Any = None,
        form: RecordForm | None = None,
        status: int = 200,
        conflict: list[dict[str, Any]] | None = None,
    ) -> HttpResponse:
        """The list, with *editing* (a record) as *form*, and the form to add one."""
        if add_form is None:
            add_form = self.form(strategy, adding=True, auto_id=f"new_{self.key}_%s")
        context = {
            "strategy": strategy,
            "kind": self,
            "rows": list(self.rows(strategy)),
            "editing": editing.pk if editing is not None else None,
            "form": form,
            "add_form": add_form,
            "title": self.title,
            "conflict": conflict,
            "moved_meanwhile": status == 409 and form is None,
            "list_url": _url(self.list_name, strategy),
            "row_template": f"{RECORDS}_{self.key}.html",
            "removed": removal.removed_parts(strategy, [self.removal_kind]),
        }
        return respond(request, RECORDS + "_in_place.html", context, status, page=PAGE)

    # The views

    def list(self, request: HtmxHttpRequest, strategy: Strategy) -> HttpResponse:
        """GET: the list; POST: add a record."""
        if request.method == "GET":
            return self.page(request, strategy)
        form = self.form(
            strategy, request.POST, adding=True, auto_id=f"new_{self.key}_%s"
        )
        saved = save(
            form,
            lambda values, _revision: self.add(strategy, values, user=request.user),
        )
        if saved.record is None:
            return self.page(request, strategy, add_form=form, status=saved.status)
        return self.saved(request, strategy, saved.record)

    def edit(
        self, request: HtmxHttpRequest, strategy: Strategy, pk: int
    ) -> HttpResponse:
        record = self.record(strategy, pk)
        return edit_record(
            request,
            self.form_class,
            record,
            self.fields,
            lambda values, revision: self.write(record, values, revision, request.user),
            page=lambda form, **shown: self.page(
                request, strategy, editing=record, form=form, **shown
            ),
            saved=lambda saved: self.saved(request, strategy, saved),
            strategy=strategy,
            auto_id=f"{self.key}{record.pk}_%s",
        )

    def write(
        self, record: Any, values: dict[str, Any], revision: Any, user: Any
    ) -> Any:
        if self.revised:
            return self.update(record, values, loaded_revision=revision, user=user)
        return self.update(record, values, user=user)

    def saved(
        self, request: HtmxHttpRequest, strategy: Strategy, record: Any
    ) -> HttpResponse:
        if swaps_part(request):
            return self.page(request, strategy)
        return redirect(f"{_url(self.list_name, strategy)}#{self.key}-{record.pk}")

    def moved(
        self, request: HtmxHttpRequest, strategy: Strategy, pk: int
    ) -> HttpResponse:
        assert self.move is not None
        record = self.record(strategy, pk)
        move = self.move
        if self.revised:
            status = _move(
                request,
                lambda step, revision: move(
                    record, step, loaded_revision=revision, user=request.user
                ),
                revised=True,
            )
        else:
            status = _move(
                request,
                lambda step, _revision: move(record, step, user=request.user),
                revised=False,
            )
        if not swaps_part(request) and status == 200:
            return redirect(f"{_url(self.list_name, strategy)}#{self.key}-{record.pk}")
        return self.page(request, strategy, status=status)

    # The views urls_authoring.py routes to, as <key>_list, _edit, _move, _remove

    def list_view(self) -> View:
        @authoring
        @GET_POST
        def view(request: HtmxHttpRequest, org: str, pk: int) -> HttpResponse:
            return self.list(request, draft_for(request, org, pk))

        return view

    def edit_view(self) -> View:
        @authoring
        @GET_POST
        def view(
            request: HtmxHttpRequest, org: str, pk: int, record: int
        ) -> HttpResponse:
            return self.edit(request, draft_for(request, org, pk), record)

        return view

    def move_view(self) -> View:
        @authoring
        @require_POST
        def view(
            request: HtmxHttpRequest, org: str, pk: int, record: int
        ) -> HttpResponse:
            return self.moved(request, draft_for(request, org, pk), record)

        return view

    def remove_view(self) -> View:
        @authoring
        @GET_POST
        def view(
            request: HtmxHttpRequest, org: str, pk: int, record: int
        ) -> HttpResponse:
            strategy = draft_for(request, org, pk)
            found = self.record(strategy, record)
            name, uses = self.described(strategy, found)
            back = _url(self.list_name, strategy)
            part = Removable(found, name, uses, self.remove, back)
            return _remove(request, strategy, part)

        return view


def totals_with_sums(strategy: Strategy) -> list[BudgetTotal]:
    """The stated totals, each with the sum of the items it covers (``computed``)."""
    items = list(strategy.action_items.all())
    totals = list(strategy.budget_totals.all())
    for total in totals:
        total.computed = total.computed_from(items)  # type: ignore[attr-defined]
    return totals


def _total_described(strategy: Strategy, total: BudgetTotal) -> tuple[str, list[str]]:
    covered = [
        item
        for item in strategy.action_items.all()
        if covers(total.category, total.year_start, total.year_end, item)
    ]
    compared = ngettext(
        "It is compared with the sum of %(count)d action item.",
        "It is compared with the sum of %(count)d action items.",
        len(covered),
    )
    uses = [compared % {"count": len(covered)}] if covered else []
    return _("The stated total “%(total)s”") % {"total": total}, uses


def _decision_described(
    _strategy: Strategy, decision: Decision
) -> tuple[str, list[str]]:
    uses = []
    if decision.approves_id is not None:
        approved = Strategy.objects.filter(pk=decision.approves_id).first()
        if approved is not None:
            uses.append(
                _("It is the decision that approved %(version)s.")
                % {"version": approved.version_text()}
            )
    return _("The decision “%(decision)s”") % {"decision": decision}, uses


def _term_described(_strategy: Strategy, term: GlossaryTerm) -> tuple[str, list[str]]:
    return _("The term “%(term)s”") % {"term": term.term}, []


TOTALS = InPlace(
    key="budget_total",
    removal_kind="budsjett",
    title=gettext_lazy("Stated budget totals"),
    add_title=gettext_lazy("Add a stated total"),
    model=BudgetTotal,
    form_class=BudgetTotalForm,
    fields=actions.BUDGET_TOTAL_FIELDS,
    rows=totals_with_sums,
    add=actions.add_budget_total,
    update=actions.update_budget_total,
    remove=actions.remove_budget_total,
    described=_total_described,
    revised=False,
)
DECISIONS = InPlace(
    key="decision",
    removal_kind="vedtak",
    title=gettext_lazy("Decision log"),
    add_title=gettext_lazy("Add a decision"),
    model=Decision,
    form_class=DecisionForm,
    fields=actions.DECISION_FIELDS,
    rows=lambda strategy: strategy.decisions.select_related("approves"),
    add=actions.add_decision,
    update=actions.update_decision,
    remove=actions.remove_decision,
    described=_decision_described,
    move=actions.move_decision,
)
GLOSSARY = InPlace(
    key="glossary_term",
    removal_kind="ordliste",
    title=gettext_lazy("Glossary"),
    add_title=gettext_lazy("Add a term"),
    model=GlossaryTerm,
    form_class=GlossaryTermForm,
    fields=actions.GLOSSARY_FIELDS,
    rows=lambda strategy: strategy.glossary.all(),
    add=actions.add_glossary_term,
    update=actions.update_glossary_term,
    remove=actions.remove_glossary_term,
    described=_term_described,
    move=actions.move_glossary_term,
    revised=False,
)


budget_total_list = TOTALS.list_view()
budget_total_edit = TOTALS.edit_view()
budget_total_remove = TOTALS.remove_view()
decision_list = DECISIONS.list_view()
decision_edit = DECISIONS.edit_view()
decision_move = DECISIONS.move_view()
decision_remove = DECISIONS.remove_view()
glossary_term_list = GLOSSARY.list_view()
glossary_term_edit = GLOSSARY.edit_view()
glossary_term_move = GLOSSARY.move_view()
glossary_term_remove = GLOSSARY.remove_view()


# Removing, after asking


@dataclass(frozen=True)
class Removable:
    """A record to remove: what it is called, where it is still used, how it
    is removed, and the list to go back to."""

    record: Any
    name: str
    uses: list[str]
    remove: Callable[..., Any]
    back: str


def _remove(
    request: HtmxHttpRequest, strategy: Strategy, part: Removable
) -> HttpResponse:
    """GET: the question; POST: the removal, for the reason given."""
    revised = hasattr(part.record, "revision")
    if request.method == "GET":
        revision = getattr(part.record, "revision", None)
        form = RemoveForm(revised=revised, initial={"revision": revision})
        return _removal_page(request, strategy, part, form)
    form = RemoveForm(request.POST, revised=revised)
    if not form.is_valid():
        return _removal_page(request, strategy, part, form, 422)
    data = form.cleaned_data
    stale = {"loaded_revision": data["revision"]} if revised else {}
    try:
        part.remove(part.record, user=request.user, reason=data["reason"], **stale)
    except EditConflict as conflict:
        again = {"revision": conflict.current.revision, "reason": data["reason"]}
        fresh = RemoveForm(revised=True, initial=again)
        return _removal_page(request, strategy, part, fresh, 409)
    except ValidationError as error:
        add_errors(form, error)
        return _removal_page(request, strategy, part, form, 422)
    message = _("%(part)s is removed. It can be brought back from the history.")
    return done(request, part.back, message % {"part": part.name})


def _removal_page(
    request: HtmxHttpRequest,
    strategy: Strategy,
    part: Removable,
    form: RemoveForm,
    status: int = 200,
) -> HttpResponse:
    context = {
        "strategy": strategy,
        "part": part,
        "form": form,
        "title": _("Remove: %(part)s") % {"part": part.name},
        "url": request.path,
        "changed_meanwhile": status == 409,
    }
    return respond(request, RECORDS + "_remove.html", context, status, page=PAGE)


@authoring
@GET_POST
def action_item_remove(
    request: HtmxHttpRequest, org: str, pk: int, number: str
) -> HttpResponse:
    strategy = draft_for(request, org, pk)
    item = _item(strategy, number)
    totals = [
        str(t)
        for t in strategy.budget_totals.all()
        if covers(t.category, t.year_start, t.year_end, item)
    ]
    uses = [
        _("Counted in the stated total “%(total)s”.") % {"total": t} for t in totals
    ]
    part = Removable(
        item,
        _("Action item %(number)s") % {"number": item.number},
        uses,
        actions.remove_action_item,
        _url("action_item_list", strategy),
    )
    return _remove(request, strategy, part)


@authoring
@GET_POST
def section_remove(
    request: HtmxHttpRequest, org: str, pk: int, place: int
) -> HttpResponse:
    strategy = draft_for(request, org, pk)
    section = _section(strategy, place)
    part = Removable(
        section,
        _("The chapter “%(title)s”") % {"title": section},
        [],
        actions.remove_section,
        _url("section_list", strategy),
    )
    return _remove(request, strategy, part)
