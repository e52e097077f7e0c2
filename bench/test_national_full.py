"""The national benchmark dataset's helpers: the registry part is built once and refused at
another size, too small a scale is refused, every table is counted, and the backup benchmark
checks a backup file against its checksum."""

import hashlib
from pathlib import Path

import pytest

from bench.national_full import build_all, build_registry, counts, every_table, smallest_scale
from bench.ops_backup import checksum_holds


@pytest.mark.django_db
def test_the_registry_is_filled_once_and_refused_at_another_size() -> None:
    build_registry(120)
    first = counts()
    assert first["registry persons"] == 120
    assert first["registry status entries"] == 120
    assert first["registry inquiries"] == 12

    build_registry(120)
    assert counts() == first

    with pytest.raises(ValueError, match="not the 200 asked"):
        build_registry(200)


@pytest.mark.django_db
def test_a_scale_that_leaves_a_region_too_few_people_is_refused() -> None:
    least = smallest_scale()
    assert 0 < least < 1
    with pytest.raises(ValueError, match="too few people"):
        build_all(people_scale=least / 2, registry_persons=0)
    with pytest.raises(ValueError, match="must lie in"):
        build_all(people_scale=1.5, registry_persons=0)


@pytest.mark.django_db
def test_every_table_is_counted_with_its_rows() -> None:
    from oranje.core.models import User

    before = every_table()
    assert before["core_region"] == 25
    User.objects.create(username="counted")
    after = every_table()
    assert after[User._meta.db_table] == before[User._meta.db_table] + 1
    assert after.keys() == before.keys()


def test_a_backup_file_is_checked_against_its_checksum(tmp_path: Path) -> None:
    archive = tmp_path / "oranje-backup-20260101T000000Z.tar"
    archive.write_bytes(b"backup contents")
    noted = tmp_path / (archive.name + ".sha256")
    assert not checksum_holds(archive)  # no .sha256 beside it

    noted.write_text(f"{hashlib.sha256(b'backup contents').hexdigest()}  {archive.name}\n")
    assert checksum_holds(archive)

    archive.write_bytes(b"backup contentz")
    assert not checksum_holds(archive)
