"""The action-plan report in every format, opened again; the budget report's
spending against budget; an exempt action withheld and not derivable from any sum."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pikepdf
import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext
from odfdo import Document as OdfDocument
from openpyxl.utils import get_column_letter

from planverk.organizations.models import Role
from planverk.reports.formats import KINDS, make
from planverk.reports.kinds import as_document, as_workbook
from planverk.reports.kinds.action_plan import action_plan_report
from planverk.reports.kinds.budget import budget_report
from planverk.reports.sheets import Formula, Workbook
from planverk.reports.tests.test_sheets import evaluate
from planverk.site.tests import test_disclosure as disclosure
from planverk.site.tests.test_disclosure import EXEMPT_AMOUNT, EXEMPT_TEXTS, Case
from planverk.strategies.language import in_language
from planverk.strategies.tests.plan_setup import Plans, add_action, make_plans
from planverk.testing import make_member, make_strategy

pytestmark = pytest.mark.django_db

SECRET = 777_777  # the exempt action's budget for 2024
# What the public may read of the approved plans, per year, operating and investment.
PUBLIC_2024 = (100_000 + 20_000, 30_000)
PUBLIC_BUDGET = 100_000 + 50_000 + 30_000 + 5_000 + 20_000
PUBLIC_SPENT = 120_000 + 10_000

# The disclosure walk's case (an approved strategy with an exempt action of
# 437 000 in an approved plan) and its readers, the public and an outsider.
approved = disclosure.approved
visitor = disclosure.visitor


@pytest.fixture
def plans() -> Plans:
    return make_plans(make_strategy("approved"))


def book(plans: Plans, include_exempt: bool = False) -> Workbook:
    with in_language(plans.strategy):
        report = action_plan_report(plans.strategy, include_exempt=include_exempt)
        return as_workbook(report)


def made(plans: Plans, fmt: str, include_exempt: bool = False) -> bytes:
    return make("action-plan", fmt, plans.strategy, include_exempt=include_exempt)


def nb(text: str, **args: object) -> str:
    """*text* as the report writes it: in the strategy's language, bokmål."""
    with translation.override("nb"):
        return gettext(text) % args if args else gettext(text)


def values(workbook: Workbook) -> list[object]:
    """Every number in *workbook*, a formula as the value it computes to."""
    found: list[object] = []
    for sheet in workbook.sheets:
        for row in sheet.rows:
            for value in row:
                found.append(value.value if isinstance(value, Formula) else value)
    return found


def odf_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("content.xml").decode()


def test_the_kind_is_registered_with_every_format() -> None:
    kind = KINDS["action-plan"]
    assert kind.formats == ("html", "pdf", "odt", "ods", "xlsx", "csv", "svg", "png")


def test_html_has_the_plans_nested_their_actions_and_the_flags(plans: Plans) -> None:
    html = made(plans, "html").decode()
    whole = html.index("Handlingsplan 2024–2025")
    assert whole < html.index("Handlingsplan for enheten")  # the unit's under it
    assert "Felles sak/arkiv" in html and "Driftsbudsjett" in html
    assert "Utkast til handlingsplan" not in html  # a draft is not public
    for words in ("Spent", "Deadline", "Responsible", "Funding", "Status"):
        assert nb(words) in html, words
    assert nb("Budget %(year)s", year=2024) in html
    assert nb("Over budget in %(list)s", list="2024") in html
    assert nb("Past its deadline") in html
    assert nb("Serves no measure of the strategy") in html
    assert nb("Nobody acts on this") in html
    assert f"{nb('Measure %(number)s', number='3.2')}: {nb('Nobody acts on this')}" in (
        html
    )
    assert "offl. § 24" in html and "Hemmelig" not in html
    assert not re.search(r"777\D?777", html)


def test_pdf_is_pdf_a_and_keeps_the_text(plans: Plans, tmp_path: Path) -> None:
    pdf = made(plans, "pdf")
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        meta = opened.open_metadata()
        assert meta["pdfaid:part"] == "3"
        assert str(opened.Root.Lang) == "nb"
    (tmp_path / "plan.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(tmp_path / "plan.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Felles sak/arkiv" in text and "Handlingsplan for enheten" in text
    assert "Hemmelig" not in text and not re.search(r"777\D?777", text)


def test_odt_opens_with_the_actions(plans: Plans) -> None:
    data = made(plans, "odt")
    OdfDocument(io.BytesIO(data))  # opens
    content = odf_text(data)
    assert "Felles sak/arkiv" in content and "offl. § 24" in content
    assert "Hemmelig" not in content and not re.search(r"777\D?777", content)


def test_xlsx_has_sum_formulas_over_the_amount_columns(plans: Plans) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(made(plans, "xlsx")))
    actions, per_year, plan_rows, flags = workbook.worksheets
    header = [c.value for c in actions[1]]
    budget_2024 = header.index(nb("Budget %(year)s", year=2024)) + 1
    letter = get_column_letter(budget_2024)
    last = actions.max_row
    assert actions.cell(last, 1).value == nb("Total")
    assert (
        actions.cell(last, budget_2024).value == f"=SUM({letter}2:{letter}{last - 1})"
    )
    row = next(
        r for r in range(2, last) if actions.cell(r, 4).value == "Felles sak/arkiv"
    )
    assert actions.cell(row, budget_2024).value == 100_000
    budget_total = header.index(nb("Budget")) + 1
    assert str(actions.cell(row, budget_total).value).startswith("=SUM(")
    # Per year: budget and spending per category, sums and what is left, formulas.
    assert per_year["A2"].value == "2024"
    assert (per_year["B2"].value, per_year["C2"].value) == PUBLIC_2024
    assert per_year["F2"].value == "=SUM(B2:C2)"
    assert per_year["H2"].value == "=F2-G2"
    assert [c.value for c in plan_rows["A"]][1:3] == [
        "Handlingsplan 2024–2025",
        "Handlingsplan for enheten",
    ]
    assert plan_rows["C3"].value == "Handlingsplan 2024–2025"  # part of the whole's
    assert {c.value for c in flags["D"]} >= {
        nb("Past its deadline"),
        nb("Over budget in %(list)s", list="2024"),
        nb("Nobody acts on this"),
    }


def test_every_formula_computes_to_its_stored_value(plans: Plans) -> None:
    for include_exempt in (False, True):
        workbook = book(plans, include_exempt)
        formulas = 0
        for sheet in workbook.sheets:
            for row in sheet.rows:
                for value in row:
                    if isinstance(value, Formula):
                        formulas += 1
                        assert evaluate(value, workbook, sheet) == value.value
        assert formulas > 20


def test_the_sums_are_of_what_the_public_may_read(plans: Plans) -> None:
    public = book(plans)
    actions, per_year, _plans, _flags = public.sheets
    assert actions.rows[-1][-1].value == PUBLIC_SPENT
    total = per_year.rows[-1]
    assert [v.value for v in total[-3:]] == [
        PUBLIC_BUDGET,
        PUBLIC_SPENT,
        PUBLIC_BUDGET - PUBLIC_SPENT,
    ]
    # The exempt amount is in no cell, nor is any sum that includes it, so that
    # no public figure minus another gives it away.
    found = values(public)
    assert SECRET not in found
    assert PUBLIC_BUDGET + SECRET not in found and 120_000 + SECRET not in found
    (withheld,) = [r for r in actions.rows if r[2] == "5"]
    assert "offl. § 24" in str(withheld[3]) and "Hemmelig" not in str(withheld)
    assert all(v is None for v in withheld[14:])
    # A member sees it, in its row and in the sums.
    member = book(plans, include_exempt=True)
    assert SECRET in values(member)
    assert PUBLIC_BUDGET + SECRET + 9_999 in values(member)  # the draft's too
    assert any("Hemmelig brannmur" in str(r) for r in member.sheets[0].rows)


def test_ods_has_openformula_with_cached_values(plans: Plans) -> None:
    doc = OdfDocument(io.BytesIO(made(plans, "ods")))
    _actions, per_year, _plans, _flags = doc.body.get_tables()
    budget = per_year.get_cell("F2")
    assert budget.formula == "of:=SUM([.B2:.C2])"
    assert budget.value == sum(PUBLIC_2024)
    last = per_year.height
    total = per_year.get_cell(f"F{last}")
    assert total.formula == f"of:=SUM([.F2:.F{last - 1}])"
    assert total.value == PUBLIC_BUDGET


def test_csv_has_values_only(plans: Plans) -> None:
    rows = list(csv.reader(io.StringIO(made(plans, "csv").decode("utf-8-sig"))))
    assert rows[0][:4] == [nb("Plan"), nb("Owner"), nb("No."), nb("Action")]
    assert rows[-1][0] == nb("Total") and rows[-1][-1] == str(PUBLIC_SPENT)
    assert not any(cell.startswith("=") for row in rows for cell in row)
    assert str(SECRET) not in made(plans, "csv").decode("utf-8-sig")


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed; `make system-packages` installs it",
)
def test_libreoffice_computes_the_same_totals(plans: Plans, tmp_path: Path) -> None:
    """LibreOffice recalculates the XLSX, in which openpyxl stores no results,
    and arrives at the sums we stored."""
    (tmp_path / "plan.xlsx").write_bytes(made(plans, "xlsx"))
    every_sheet = (
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    )
    done = subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            every_sheet,
            "--outdir",
            str(tmp_path),
            str(tmp_path / "plan.xlsx"),
        ],
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    actions, per_year = (
        list(csv.reader(io.StringIO((tmp_path / f"plan-{s.name}.csv").read_text())))
        for s in book(plans).sheets[:2]
    )
    assert actions[-1][-1] == str(PUBLIC_SPENT)
    assert per_year[-1][-3:] == [
        str(PUBLIC_BUDGET),
        str(PUBLIC_SPENT),
        str(PUBLIC_BUDGET - PUBLIC_SPENT),
    ]


def test_the_budget_report_gains_spending_against_budget(plans: Plans) -> None:
    with in_language(plans.strategy):
        public = budget_report(plans.strategy, include_exempt=False)
        member = budget_report(plans.strategy, include_exempt=True)
        document = as_document(public, paged=False)
        sheets = as_workbook(public).sheets
        member_sheets = as_workbook(member).sheets
    (table,) = [b for b in document.blocks if getattr(b, "name", "") == "spending"]
    assert [row.cells[0] for row in table.rows] == ["2024", "2025"]
    left = table.rows[0].cells[-1]
    assert getattr(left, "value", None) == sum(PUBLIC_2024) - 130_000
    assert any(getattr(b, "chart", None) for b in document.blocks)
    spending = sheets[-1]
    assert spending.name == nb("Budget and spending")
    assert spending.rows[0][1:5] == [*PUBLIC_2024, 120_000, 10_000]
    assert SECRET not in values(Workbook("", "nb", [spending]))
    assert SECRET + 100_000 + 20_000 in member_sheets[-1].rows[0]
    html = make("budget", "html", plans.strategy, include_exempt=False).decode()
    assert nb("Budget against spending") in html


def test_the_command_writes_the_report(plans: Plans, tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    org = plans.strategy.organization.slug
    call_command(
        "report",
        "action-plan",
        "--org",
        org,
        "--format",
        "xlsx",
        "--public",
        "-o",
        str(out),
        verbosity=0,
    )
    actions = openpyxl.load_workbook(out).worksheets[0]
    assert "Felles sak/arkiv" in [c.value for c in actions["D"]]


def test_the_public_download_withholds_what_a_member_sees(plans: Plans) -> None:
    strategy = plans.strategy
    url = f"/o/{strategy.organization.slug}/s/{strategy.pk}/rapport/action-plan.csv"
    public = Client().get(url)
    assert public.status_code == 200
    assert "Hemmelig" not in public.content.decode("utf-8-sig")
    member = Client()
    member.force_login(make_member("leser", strategy.organization, Role.READER))
    assert "Hemmelig brannmur" in member.get(url).content.decode("utf-8-sig")
    listed = Client().get(f"/o/{strategy.organization.slug}/s/{strategy.pk}/rapporter/")
    assert "rapport/action-plan.xlsx" in listed.content.decode()


def test_reading_the_report_takes_the_same_queries_whatever_the_actions(
    plans: Plans,
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            book(plans)
        return len(queries)

    before = count()
    for n in range(6, 26):
        add_action(plans.whole, str(n), budgets={2024: n}, spent={2024: n})
    assert count() == before


@pytest.mark.parametrize("kind", ["action-plan", "budget"])
def test_the_disclosure_case_gives_nothing_exempt_away(
    kind: str, approved: Case, visitor: Client
) -> None:
    """The disclosure walk's approved strategy, with an exempt action of 437 000
    in an approved plan: in no format of the plans' reports is its text, its
    amount, or a draft plan, for anonymous readers and outsiders."""
    base = f"/o/{approved.org}/s/{approved.pk}/rapport/{kind}"
    for fmt in ("html", "csv", "odt", "ods", "xlsx"):
        response = visitor.get(f"{base}.{fmt}")
        assert response.status_code == 200, fmt
        data = response.content
        text = data.decode("utf-8-sig") if fmt in ("html", "csv") else odf_or_xlsx(data)
        for words in EXEMPT_TEXTS:
            assert words not in text, (fmt, words)
        assert not EXEMPT_AMOUNT.search(text), fmt
        assert "437000" not in text, fmt


def odf_or_xlsx(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "".join(
            package.read(name).decode()
            for name in package.namelist()
            if name.endswith(".xml")
        )
