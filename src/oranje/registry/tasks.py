"""Background work of the registry, run by `oranje worker`: the duplicate check and the
re-matching of open inquiries for a large imported list (a small one is matched at once)."""

from __future__ import annotations

from django_tasks import task

#: Persons per task.
BATCH = 2000


def enqueue_matching(incident_id: int, person_ids: list[int]) -> None:
    for start in range(0, len(person_ids), BATCH):
        match_batch.enqueue(incident_id, person_ids[start : start + BATCH])


@task()
def match_batch(incident_id: int, person_ids: list[int]) -> int:
    """Match the persons of an imported list against the incident's registry and its open
    inquiries. Safe to run twice: pairs and candidates already recorded are kept."""
    from oranje.registry.services.batch_matching import match_imported

    return match_imported(incident_id, person_ids)
