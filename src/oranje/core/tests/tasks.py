"""A task that does nothing, for the tests of the worker (core cannot use a room's tasks)."""

from django_tasks import task


@task()
def nothing() -> None:
    """Does nothing; the tests only queue it and move it between states."""
