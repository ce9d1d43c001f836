// Corpus for "billing-service": a Python invoicing package tested with pytest (rounding, VAT, PDF file names).
// Data only. Includes non-ASCII on purpose (French and Japanese text) so escaping and UTF-8 get exercised.
#include <iterator>

#include "agenteye_gen/project_profile.h"

namespace agentreel::gen {
namespace {

constexpr Goal kGoals[] = {
    {"Fix the failing test in tests/test_invoice.py", 0},
    {"Invoice totals are off by one cent for some orders; find the rounding bug and fix it with a regression test", 0},
    {"Corrige l'arrondi de la TVA à 5,5 % : les factures affichent 0,01 € de trop", 1},
    {"請求書PDFのファイル名で日本語の顧客名が文字化けする問題を修正してください", 2},
    {"Add a --dry-run flag to `billing reissue` and cover it with tests", 3},
    {"The nightly job crashes with KeyError: 'currency' on legacy invoices; make it tolerate missing fields", 3},
};

constexpr std::string_view kSourceFiles[] = {
    "src/billing/invoice.py", "src/billing/tax.py", "src/billing/currency.py",
    "src/billing/pdf.py",     "src/billing/cli.py", "src/billing/jobs/nightly.py",
};

constexpr std::string_view kTestFiles[] = {
    "tests/test_invoice.py", "tests/test_tax.py", "tests/test_currency.py", "tests/test_pdf.py", "tests/test_cli.py",
};

constexpr std::string_view kCodeBlocks[] = {
    R"~("""Invoice model and total computation for the billing service."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Iterable

from billing.currency import Currency, quantize_money
from billing.tax import TaxRule, tax_for_line)~",
    R"~(@dataclass(frozen=True)
class Line:
    description: str
    unit_price: Decimal
    quantity: int = 1
    tax_rule: TaxRule | None = None

    def subtotal(self) -> Decimal:
        return self.unit_price * self.quantity)~",
    R"~(@dataclass
class Invoice:
    number: str
    customer: Customer
    currency: Currency = Currency.EUR
    lines: list[Line] = field(default_factory=list)

    def total(self) -> Decimal:
        # Each line is rounded before summing, which drifts by a cent on long invoices.
        amounts = [quantize_money(line.subtotal(), rounding=ROUND_HALF_UP) for line in self.lines]
        taxes = [tax_for_line(line) for line in self.lines]
        return sum(amounts, Decimal("0")) + sum(taxes, Decimal("0")))~",
    R"~(def render_filename(invoice: Invoice) -> str:
    # 請求書のファイル名: 顧客名は NFC に正規化してからそのまま使う
    name = unicodedata.normalize("NFC", invoice.customer.display_name)
    safe = "".join(ch for ch in name if ch not in '<>:"/\\|?*')
    return f"Facture n°{invoice.number} – {safe}.pdf")~",
    R"~(def tax_for_line(line: Line) -> Decimal:
    rule = line.tax_rule or DEFAULT_RULE
    if rule.exempt:
        return Decimal("0")
    rate = Decimal(rule.rate_percent) / Decimal(100)  # 5.5 % → Decimal("0.055")
    return quantize_money(line.subtotal() * rate, rounding=ROUND_HALF_EVEN))~",
    R"~(def quantize_money(amount: Decimal, currency: Currency = Currency.EUR, *, rounding: str = ROUND_HALF_EVEN) -> Decimal:
    """Round `amount` to the currency's minor unit (JPY has none, EUR and USD have cents)."""
    exponent = Decimal(1).scaleb(-currency.minor_units)
    return amount.quantize(exponent, rounding=rounding))~",
    R"~(class NightlyReissueJob:
    def __init__(self, repo: InvoiceRepository, mailer: Mailer, *, dry_run: bool = False) -> None:
        self._repo = repo
        self._mailer = mailer
        self._dry_run = dry_run

    def run(self, since: date) -> JobReport:
        report = JobReport()
        for raw in self._repo.iter_raw(since=since):
            invoice = Invoice.from_dict(raw)  # KeyError on legacy rows without "currency"
            if invoice.needs_reissue():
                report.reissued.append(invoice.number)
                if not self._dry_run:
                    self._mailer.send(invoice)
        return report)~",
    R"~(@click.command("reissue")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), required=True)
@click.option("--dry-run", is_flag=True, help="List the invoices that would be reissued; send nothing.")
def reissue(since: datetime, dry_run: bool) -> None:
    job = NightlyReissueJob(InvoiceRepository.from_env(), Mailer.from_env(), dry_run=dry_run)
    report = job.run(since.date())
    click.echo(f"{len(report.reissued)} invoice(s) {'would be ' if dry_run else ''}reissued"))~",
};

constexpr std::string_view kTestCodeBlocks[] = {
    R"~(import pytest
from decimal import Decimal

from billing.invoice import Invoice, Line
from billing.tax import TaxRule
from tests.factories import make_customer)~",
    R"~(def test_total_rounds_half_even():
    invoice = Invoice(number="INV-2041", customer=make_customer(), lines=[Line("Widget", Decimal("2.675"), 3)])
    assert invoice.total() == Decimal("8.03"))~",
    R"~(@pytest.mark.parametrize("price,qty,expected", [
    ("19.99", 3, "59.97"),
    ("0.335", 7, "2.35"),
    ("1234.565", 1, "1234.57"),
])
def test_line_totals(price, qty, expected):
    invoice = Invoice(number="INV-1", customer=make_customer(), lines=[Line("x", Decimal(price), qty)])
    assert invoice.total() == Decimal(expected))~",
    R"~(def test_reduced_vat_rate():
    line = Line("Livre", Decimal("12.00"), 1, tax_rule=TaxRule(rate_percent="5.5"))
    assert tax_for_line(line) == Decimal("0.66"))~",
    R"~(def test_pdf_filename_keeps_japanese_names():
    customer = make_customer(display_name="株式会社サンプル")
    invoice = Invoice(number="INV-77", customer=customer)
    assert render_filename(invoice) == "Facture n°INV-77 – 株式会社サンプル.pdf")~",
};

constexpr std::string_view kPassingTests[] = {
    "tests/test_currency.py::test_quantize_eur",
    "tests/test_currency.py::test_quantize_jpy_has_no_minor_unit",
    "tests/test_invoice.py::test_empty_invoice_total_is_zero",
    "tests/test_invoice.py::test_line_totals[19.99-3-59.97]",
    "tests/test_tax.py::test_exempt_rule",
    "tests/test_tax.py::test_standard_rate",
    "tests/test_pdf.py::test_pdf_has_one_page_per_twenty_lines",
    "tests/test_cli.py::test_reissue_requires_since",
};

constexpr TestFailure kFailures[] = {
    {"tests/test_invoice.py::test_total_rounds_half_even", "AssertionError: assert Decimal('8.02') == Decimal('8.03')",
     R"~(______________________ test_total_rounds_half_even _______________________

    def test_total_rounds_half_even():
        invoice = Invoice(number="INV-2041", customer=make_customer(), lines=[Line("Widget", Decimal("2.675"), 3)])
>       assert invoice.total() == Decimal("8.03")
E       AssertionError: assert Decimal('8.02') == Decimal('8.03')
E        +  where Decimal('8.02') = <bound method Invoice.total of Invoice(number='INV-2041', ...)>()

tests/test_invoice.py:42: AssertionError)~"},
    {"tests/test_tax.py::test_reduced_vat_rate", "AssertionError: assert Decimal('0.67') == Decimal('0.66')",
     R"~(__________________________ test_reduced_vat_rate __________________________

    def test_reduced_vat_rate():
        line = Line("Livre", Decimal("12.00"), 1, tax_rule=TaxRule(rate_percent="5.5"))
>       assert tax_for_line(line) == Decimal("0.66")
E       AssertionError: assert Decimal('0.67') == Decimal('0.66')

tests/test_tax.py:31: AssertionError)~"},
    {"tests/test_pdf.py::test_pdf_filename_keeps_japanese_names",
     "AssertionError: assert 'Facture n°INV-77 – ????????.pdf' == 'Facture n°INV-77 – 株式会社サンプル.pdf'",
     R"~(_________________ test_pdf_filename_keeps_japanese_names __________________

    def test_pdf_filename_keeps_japanese_names():
        customer = make_customer(display_name="株式会社サンプル")
        invoice = Invoice(number="INV-77", customer=customer)
>       assert render_filename(invoice) == "Facture n°INV-77 – 株式会社サンプル.pdf"
E       AssertionError: assert 'Facture n°INV-77 – ????????.pdf' == 'Facture n°INV-77 – 株式会社サンプル.pdf'
E         - Facture n°INV-77 – 株式会社サンプル.pdf
E         + Facture n°INV-77 – ????????.pdf

tests/test_pdf.py:58: AssertionError)~"},
    {"tests/test_cli.py::test_reissue_dry_run_sends_nothing", "KeyError: 'currency'",
     R"~(___________________ test_reissue_dry_run_sends_nothing ____________________

runner = <click.testing.CliRunner object at 0x7f3a2c1d9e50>, fake_repo = <FakeRepo rows=3>

    def test_reissue_dry_run_sends_nothing(runner, fake_repo, fake_mailer):
>       result = runner.invoke(reissue, ["--since", "2026-01-01", "--dry-run"], catch_exceptions=False)

tests/test_cli.py:88:
_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _
src/billing/jobs/nightly.py:19: in run
    invoice = Invoice.from_dict(raw)
_ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _ _

raw = {'customer': {'id': 'c_1042', 'display_name': 'Müller GmbH'}, 'lines': [...], 'number': 'INV-0999'}

    @classmethod
    def from_dict(cls, raw: dict) -> "Invoice":
>       currency = Currency(raw["currency"])
E       KeyError: 'currency'

src/billing/invoice.py:71: KeyError)~"},
};

constexpr SourceEdit kEdits[] = {
    {"src/billing/invoice.py",
     R"~(        amounts = [quantize_money(line.subtotal(), rounding=ROUND_HALF_UP) for line in self.lines]
        taxes = [tax_for_line(line) for line in self.lines]
        return sum(amounts, Decimal("0")) + sum(taxes, Decimal("0")))~",
     R"~(        # Sum exact amounts first and round once, half-even, as the accounting team requires.
        net = sum((line.subtotal() for line in self.lines), Decimal("0"))
        taxes = sum((tax_for_line(line) for line in self.lines), Decimal("0"))
        return quantize_money(net + taxes, self.currency, rounding=ROUND_HALF_EVEN))~",
     "The bug is in `Invoice.total()`: it rounds every line with ROUND_HALF_UP before summing, so the error "
     "accumulates. I'll sum the exact amounts and round once with ROUND_HALF_EVEN."},
    {"src/billing/tax.py",
     R"~(    rate = Decimal(rule.rate_percent) / Decimal(100)  # 5.5 % → Decimal("0.055")
    return quantize_money(line.subtotal() * rate, rounding=ROUND_HALF_EVEN))~",
     R"~(    rate = Decimal(str(rule.rate_percent)) / Decimal(100)  # 5.5 % → Decimal("0.055"), never via float
    return quantize_money(line.subtotal() * rate, rounding=ROUND_HALF_EVEN))~",
     "`rate_percent` arrives as a float from the YAML config, so 5.5 becomes 5.4999999… before the Decimal "
     "conversion. Converting through `str()` keeps it exact."},
    {"src/billing/pdf.py", R"~(    return f"Facture n°{invoice.number} – {safe}.pdf")~",
     R"~(    # Keep the readable name, and let the HTTP layer send it RFC 5987-encoded (filename*=UTF-8'').
    return f"Facture n°{invoice.number} – {safe}.pdf".encode("utf-8").decode("utf-8"))~",
     "The filename itself is fine; the `????` comes from encoding the header as latin-1. I'll keep the name "
     "as UTF-8 and encode it in the Content-Disposition header instead."},
    {"src/billing/invoice.py", R"~(        currency = Currency(raw["currency"]))~",
     R"~(        # Invoices created before 2023-06 have no "currency" field; they were all issued in euros.
        currency = Currency(raw.get("currency", Currency.EUR.value)))~",
     "Legacy rows have no `currency` key. Everything before the multi-currency migration was in EUR, so I'll "
     "default to EUR rather than crash the nightly job."},
};

static_assert(std::size(kEdits) == std::size(kFailures), "edits[i] fixes failures[i]");

constexpr CannedCommand kCommands[] = {
    {"git status --short", "Show working tree status",
     " M src/billing/invoice.py\n M tests/test_invoice.py\n?? .pytest_cache/\n", 12, 60},
    {"git log --oneline -8", "Show recent commits",
     "a41c9e2 Merge pull request #412 from acme/feat/multi-currency\n"
     "9d07f1b Add JPY support to quantize_money\n"
     "3be22a0 tax: read rates from config/vat.yaml\n"
     "f1e9c4d Bump pytest to 8.2\n"
     "77ab310 pdf: use customer display name in file name\n"
     "5c0d8e1 Fix flaky test_pdf_has_one_page_per_twenty_lines\n"
     "2e6f4aa nightly: reissue invoices with changed VAT\n"
     "0b9f3c7 Initial import from monorepo\n",
     15, 80},
    {"ls -la src/billing", "List package files",
     "total 64\ndrwxr-xr-x  4 dev dev 4096 Mar  4 09:58 .\ndrwxr-xr-x  3 dev dev 4096 Feb 12 16:20 ..\n"
     "-rw-r--r--  1 dev dev    0 Feb 12 16:20 __init__.py\n-rw-r--r--  1 dev dev 2207 Mar  1 11:04 cli.py\n"
     "-rw-r--r--  1 dev dev 1630 Feb 27 18:41 currency.py\n-rw-r--r--  1 dev dev 5893 Mar  4 09:58 invoice.py\n"
     "drwxr-xr-x  2 dev dev 4096 Feb 20 10:12 jobs\n-rw-r--r--  1 dev dev 3411 Mar  3 17:30 pdf.py\n"
     "-rw-r--r--  1 dev dev 1288 Feb 27 18:41 tax.py\n",
     8, 30},
    {"python -c \"from decimal import Decimal, ROUND_HALF_EVEN; print(Decimal('8.025').quantize(Decimal('0.01'), "
     "ROUND_HALF_EVEN))\"",
     "Check half-even rounding", "8.02\n", 60, 180},
    {"cat config/vat.yaml", "Show VAT configuration",
     "# Taux de TVA applicables (France métropolitaine)\nrates:\n  standard: 20\n  intermediate: 10\n  reduced: 5.5\n"
     "  super_reduced: 2.1\n",
     6, 25},
    {"git diff --stat", "Summarize changes",
     " src/billing/invoice.py | 9 +++++----\n tests/test_invoice.py  | 7 +++++++\n 2 files changed, 12 insertions(+), "
     "4 deletions(-)\n",
     10, 40},
};

constexpr SearchExample kGreps[] = {
    {"quantize_money",
     "src/billing/currency.py:14:def quantize_money(amount: Decimal, currency: Currency = Currency.EUR, *, rounding: "
     "str = ROUND_HALF_EVEN) -> Decimal:\n"
     "src/billing/invoice.py:9:from billing.currency import Currency, quantize_money\n"
     "src/billing/invoice.py:58:        amounts = [quantize_money(line.subtotal(), rounding=ROUND_HALF_UP) for line in "
     "self.lines]\n"
     "src/billing/tax.py:22:    return quantize_money(line.subtotal() * rate, rounding=ROUND_HALF_EVEN)\n"
     "tests/test_currency.py:5:from billing.currency import Currency, quantize_money\n"},
    {"ROUND_HALF_UP",
     "src/billing/invoice.py:5:from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal\n"
     "src/billing/invoice.py:58:        amounts = [quantize_money(line.subtotal(), rounding=ROUND_HALF_UP) for line in "
     "self.lines]\n"
     "src/billing/legacy/export.py:112:    return value.quantize(CENT, rounding=ROUND_HALF_UP)  # matches the old "
     "ERP\n"},
    {"raw\\[\"currency\"\\]",
     "src/billing/invoice.py:71:        currency = Currency(raw[\"currency\"])\n"
     "src/billing/legacy/export.py:40:    code = raw[\"currency\"] if \"currency\" in raw else \"EUR\"\n"},
    {"display_name",
     "src/billing/customer.py:12:    display_name: str\n"
     "src/billing/pdf.py:31:    name = unicodedata.normalize(\"NFC\", invoice.customer.display_name)\n"
     "tests/factories.py:18:def make_customer(display_name: str = \"Société Générale d'Essai\") -> Customer:\n"
     "tests/test_pdf.py:52:    customer = make_customer(display_name=\"株式会社サンプル\")\n"},
};

constexpr SearchExample kGlobs[] = {
    {"**/*.py",
     "src/billing/__init__.py\nsrc/billing/cli.py\nsrc/billing/currency.py\nsrc/billing/customer.py\n"
     "src/billing/invoice.py\nsrc/billing/jobs/__init__.py\nsrc/billing/jobs/nightly.py\nsrc/billing/legacy/export.py\n"
     "src/billing/pdf.py\nsrc/billing/tax.py\ntests/conftest.py\ntests/factories.py\ntests/test_cli.py\n"
     "tests/test_currency.py\ntests/test_invoice.py\ntests/test_pdf.py\ntests/test_tax.py\n"},
    {"tests/**/test_*.py",
     "tests/test_cli.py\ntests/test_currency.py\ntests/test_invoice.py\ntests/test_pdf.py\ntests/test_tax.py\n"},
    {"config/*.yaml", "config/logging.yaml\nconfig/vat.yaml\n"},
};

constexpr Delegation kDelegations[] = {
    {"Audit rounding call sites",
     "Find every place in src/ that rounds money (quantize, round(), ROUND_HALF_UP/ROUND_HALF_EVEN). For each, report "
     "the file, line, rounding mode and whether it rounds per line or per total. Do not edit files.",
     "Found 4 rounding sites. invoice.py:58 rounds per line with ROUND_HALF_UP (the likely bug); tax.py:22 rounds per "
     "line with ROUND_HALF_EVEN; currency.py:14 is the helper itself; legacy/export.py:112 uses ROUND_HALF_UP on "
     "purpose to match the old ERP and is only used by the CSV export."},
    {"Check legacy invoice rows",
     "Look at tests/fixtures/legacy_invoices.json and src/billing/invoice.py and list which fields can be missing in "
     "rows created before the 2023 multi-currency migration. Report only; no edits.",
     "Legacy rows can lack `currency` (all EUR), `tax_rule` on lines (standard rate) and `customer.locale`. "
     "Only `currency` is read with [] in Invoice.from_dict; the others already use .get()."},
};

constexpr ProjectProfile kProfile{
    .name = "billing-service",
    .root = "/home/dev/billing-service",
    .language = "Python 3.12",
    .branch = "fix/invoice-rounding",
    .runner = TestRunner::pytest,
    .test_command = "python -m pytest -q",
    .focused_test_command = "python -m pytest {test} -x -q",
    .lint_command = "ruff check src tests && mypy src",
    .lint_clean_output = "All checks passed!\nSuccess: no issues found in 14 source files\n",
    .install_command = "pip install --user -e '.[test]'",
    .install_output =
        "Obtaining file:///home/dev/billing-service\n  Installing build dependencies ... done\n"
        "  Checking if build backend supports build_editable ... done\nRequirement already satisfied: click>=8.1 in "
        "/home/dev/.local/lib/python3.12/site-packages (from billing-service==0.9.3) (8.1.7)\n"
        "Requirement already satisfied: pytest>=8 in /home/dev/.local/lib/python3.12/site-packages (8.2.1)\n"
        "Building wheels for collected packages: billing-service\n  Building editable for billing-service "
        "(pyproject.toml) ... done\nSuccessfully installed billing-service-0.9.3\n",
    .sudo_install_command = "sudo pip install -e '.[test]'",
    .risky_cleanup_command = "rm -rf ~/.cache/pip /tmp/pytest-of-dev && pip install --user -e '.[test]'",
    .safe_cleanup_command = "pip install --user --no-cache-dir -e '.[test]'",
    .goals = kGoals,
    .source_files = kSourceFiles,
    .test_files = kTestFiles,
    .regression_test_file = "tests/test_invoice_regressions.py",
    .code_blocks = kCodeBlocks,
    .test_code_blocks = kTestCodeBlocks,
    .passing_tests = kPassingTests,
    .failures = kFailures,
    .edits = kEdits,
    .commands = kCommands,
    .greps = kGreps,
    .globs = kGlobs,
    .delegations = kDelegations,
};

}  // namespace

const ProjectProfile& billing_python_profile() { return kProfile; }

}  // namespace agentreel::gen
