"""Background work of the damage room, run by `oranje worker`: re-encoding the photos of
damage reports without their metadata. Thin: the decisions live in `damage.photo_worker`."""

from __future__ import annotations

from django_tasks import task

#: Photos per task.
BATCH = 20


def enqueue_photos(photo_ids: list[int]) -> None:
    for start in range(0, len(photo_ids), BATCH):
        clean_photos.enqueue(photo_ids[start : start + BATCH])


@task()
def clean_photos(photo_ids: list[int]) -> int:
    """Re-encode the pending photos of the batch. Safe to run twice: only pending photos are
    claimed; a ready or failed photo is left alone."""
    from oranje.damage.photo_worker import photos_process

    return photos_process(photo_ids).ready
