"""The commands follow Django's --verbosity (0: errors only; 1: the summary; 2: a line per
batch; 3: the SQL), and draw their progress bar only on a terminal, in its own colour."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from tests.helpers import run_command

pytestmark = pytest.mark.django_db


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def catalog(make_item):
    return [make_item(sku=f"SKU-{n}", price=Decimal("10.00")) for n in range(5)]


def test_verbosity_0_prints_nothing_but_errors(catalog):
    assert run_command("sa_reprice", "--percent", "10", verbosity=0) == ("", "")
    assert run_command("sa_recalc_totals", "--dry-run", verbosity=0) == ("", "")
    assert run_command("sa_export", "items", "-", verbosity=0)[1] == ""  # the data only
    with pytest.raises(CommandError, match="above the largest price"):
        run_command("sa_reprice", "--percent", "100000000", verbosity=0)


def test_verbosity_1_prints_the_summary_and_no_progress_off_a_terminal(catalog):
    out, err = run_command("sa_reprice", "--percent", "10", "--batch-size", "2")
    assert out.startswith("Repriced 5 items by +10%")
    assert err == ""


def test_verbosity_2_prints_a_line_per_batch(catalog):
    out, err = run_command("sa_reprice", "--percent", "10", "--batch-size", "2", verbosity=2)
    assert "Repriced 5 items" in out
    assert err.splitlines() == ["Repricing: 1 of 3 (33%)", "Repricing: 2 of 3 (67%)",
                                "Repricing: 3 of 3 (100%)"]  # fmt: skip


def test_verbosity_3_prints_the_sql(catalog):
    _out, err = run_command("sa_reprice", "--percent", "10", verbosity=3)
    assert "UPDATE sa_orders_item SET" in err


def test_on_a_terminal_the_bar_is_drawn_in_the_terminals_colour(catalog):
    out, err = io.StringIO(), Terminal()
    call_command(
        "sa_reprice", "--percent", "10", "--batch-size", "2", stdout=out, stderr=err,
        force_color=True,
    )  # fmt: skip
    drawn = err.getvalue()
    assert "\r[" in drawn  # redrawn in place
    assert "Repricing: 3 of 3 (100%)" in drawn
    assert "\x1b[" not in drawn  # not Django's red error style
    assert "\x1b[" in out.getvalue()  # the summary keeps its success colour
