"""How list cells read: Display's shortcuts give exactly what Django's formatting gives."""

import datetime
import enum
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import dateformat, formats, numberformat, timezone, translation

from sa_orders.admin.columns import EMPTY, DateFormatter, Display
from sa_orders.models import OrderStatus

LANGUAGES = ["en", "de", "fr", "hi", "es"]  # "," and "."; "." and ","; a space; 3,2 groups

AMOUNTS = [
    "0.00", "-0.00", "0.01", "-0.01", "5.00", "-5.00", "999.99", "1000.00", "-1234.56",
    "1234567.89", "99999999.99", "12.5", "7", "1.005", "-0.004", "1E+3",
]  # fmt: skip


def _django_number(value: Decimal) -> str:
    return numberformat.format(
        value,
        formats.get_format("DECIMAL_SEPARATOR"),
        decimal_pos=2,
        grouping=formats.get_format("NUMBER_GROUPING"),
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_money_reads_as_django_formats_it(language):
    with translation.override(language):
        shown = Display()
        for amount in AMOUNTS:
            value = Decimal(amount)
            assert shown(value) == _django_number(value), (language, amount)


def test_money_in_german_and_french():
    with translation.override("de"):
        assert Display()(Decimal("1234567.89")) == "1.234.567,89"
    with translation.override("fr"):
        assert Display()(Decimal("-1234.50")) == "-1\N{NO-BREAK SPACE}234,50"


@pytest.mark.parametrize(
    "format_string",
    ["m/d/Y P", "j. F Y H:i", r"j \d\e F \d\e Y", r"\\Y-m-d", "D, d M Y H:i:s O", "N j, Y, P", ""],
)
def test_date_formatter_equals_dateformat(format_string):
    zone = ZoneInfo("Europe/Berlin")
    values = [
        datetime.datetime(2026, 11, 1, 0, 0, tzinfo=zone),
        datetime.datetime(2026, 3, 29, 12, 0, tzinfo=zone),
        datetime.datetime(2026, 7, 4, 23, 59, 59, 999, tzinfo=zone),
        datetime.datetime(2026, 1, 2, 9, 5),  # naive
    ]
    formatter = DateFormatter(format_string)
    for language in LANGUAGES:
        with translation.override(language):
            for value in values:
                assert formatter(value) == dateformat.format(value, format_string)


def test_date_formatter_refuses_time_characters_for_dates_as_django_does():
    with pytest.raises(TypeError):
        DateFormatter("Y-m-d H:i")(datetime.date(2026, 1, 2))
    assert DateFormatter("Y-m-d")(datetime.date(2026, 1, 2)) == "2026-01-02"


def test_dates_in_the_current_time_zone_and_language():
    value = datetime.datetime(2026, 11, 1, 23, 30, tzinfo=datetime.UTC)
    with translation.override("de"):
        shown = Display()
        local = value.astimezone(shown.zone)
        assert shown(value) == dateformat.format(local, formats.get_format("DATETIME_FORMAT"))
        assert shown(value.date()) == dateformat.format(
            value.date(), formats.get_format("DATE_FORMAT")
        )


def test_choice_labels_are_translated_once_per_display():
    with translation.override("en"):
        shown = Display()
        assert shown(OrderStatus.PAID) == str(OrderStatus.PAID.label)
        assert shown(OrderStatus.PAID) == str(OrderStatus.PAID.label)
    assert list(shown.labels) == [OrderStatus.PAID]

    class Plain(enum.Enum):
        ONE = "one"

    assert Display()(Plain.ONE) == "one"


def test_other_values():
    shown = Display()
    assert shown(None) == shown("") == EMPTY
    assert shown(True) == str(shown.yes)
    assert shown(["a", Decimal("1.50")]) == "a, 1.50"
    assert shown([]) == EMPTY
    assert shown(42) == "42"


def test_whole_numbers_are_grouped_in_the_language():
    assert Display()(1234567) == "1,234,567"
    with translation.override("de"):
        assert Display()(1234567) == "1.234.567"
    assert Display()(7) == "7"


def test_dates_are_written_so_that_no_reader_mixes_up_day_and_month():
    value = datetime.datetime(2026, 12, 1, 6, 35, tzinfo=datetime.UTC)
    with translation.override("en"), timezone.override("UTC"):
        assert Display()(value) == "Dec. 1, 2026, 6:35 a.m."
        assert Display()(value.date()) == "Dec. 1, 2026"
    with translation.override("de"), timezone.override("UTC"):
        assert Display()(value) == "1. Dezember 2026 06:35"
