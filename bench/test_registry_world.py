"""The registry benchmarks' helpers: percentiles, and synthetic records read the way the
registry's forms read them."""

from bench.registry_load import percentile
from bench.registry_world import _birth, _house, person_fields
from oranje.matching.engine import Record


def test_percentiles_are_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile(values, 0.99) == 99
    assert percentile([7.0], 0.99) == 7


def test_partial_dates_house_numbers_and_postcodes_are_read_as_the_forms_read_them() -> None:
    assert _birth("1950-03-04") == (1950, 3, 4)
    assert _birth("1950") == (1950, None, None)
    assert _birth("") == (None, None, None)
    assert _house("12a") == (12, "a")
    assert _house("7-2") == (7, "2")
    assert _house("5 bis") == (5, "bis")
    assert _house("") == (None, "")
    fields = person_fields(
        Record("p1", "Johannes", "de", "Vries", "1950", "", postcode="2035kb", phone="0612345678")
    )
    assert (fields["postcode"], fields["phone"], fields["sex"]) == ("2035 KB", "+31612345678", "O")
    assert (fields["birth_year"], fields["birth_month"]) == (1950, None)
