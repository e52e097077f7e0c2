"""Access chokepoints for the readiness room: one per object type, like the organisation's.

`<thing>_for_user(user, pk, manage=False)` returns the object if the user may see it, raises
404 if not (its existence is not revealed), and 403 if `manage` is asked but not allowed.
`<things>_for_user(user)` is the queryset the user may see, for lists and the API.

Reading follows the region: any membership in a region reads its exercises, alarm tests and
the activity records of its people. Changing follows the people it touches: an activity is
recorded or removed by whoever manages the person (`can_manage_person`), and an exercise —
which writes an activity record for every participant — only by whoever manages *every*
participant and observer in it. So a municipal coordinator plans and completes exercises of
their own municipality's people, and no exercise is a way round the rule for one activity.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from oranje.core import access as core_access
from oranje.core.access import AnyUser
from oranje.core.models import Region
from oranje.organisation.access import can_manage_person, people_for_user, person_for_user
from oranje.organisation.models import Person
from oranje.readiness.models import (
    Accreditation,
    Activity,
    AlarmTest,
    Exercise,
    Provider,
    QualificationProfile,
)


def _readable(user: AnyUser, region_id: int) -> None:
    if not core_access.can_read_region(user, region_id):
        raise Http404


# ---------------------------------------------------------------- activities


def activities_for_user(user: AnyUser) -> QuerySet[Activity]:
    """The activity records of every person the user may see."""
    s = core_access.scopes_for(user)
    qs = Activity.objects.select_related("person", "function", "provider")
    if s.national_read:
        return qs
    return qs.filter(person__in=people_for_user(user))


def activity_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> Activity:
    """One activity record; `manage` (removing it) needs the right to manage its person."""
    activity = Activity.objects.select_related("person", "function").filter(pk=pk).first()
    if activity is None:
        raise Http404
    person_for_user(user, activity.person_id, manage=manage)
    return activity


# ---------------------------------------------------------------- profiles


def profiles_for_user(user: AnyUser) -> QuerySet[QualificationProfile]:
    """National profiles, and the regional ones of the regions the user may see."""
    s = core_access.scopes_for(user)
    qs = QualificationProfile.objects.select_related("function", "region")
    if s.national_read:
        return qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(Q(region__isnull=True) | Q(region_id__in=s.read_regions))


def can_publish_profile(user: AnyUser, region: Region | None) -> bool:
    """A national profile is the national administrator's; a regional one the region's
    managers' (regional coordinator or administrator)."""
    if region is None:
        return core_access.scopes_for(user).national_manage
    return core_access.can_manage_region(user, region.pk)


# ---------------------------------------------------------------- training providers


def _has_membership(user: AnyUser) -> bool:
    s = core_access.scopes_for(user)
    return s.national_read or bool(s.read_regions)


def can_keep_providers(user: AnyUser) -> bool:
    """The national list of training providers is the national administrator's."""
    return core_access.scopes_for(user).national_manage


def providers_for_user(user: AnyUser) -> QuerySet[Provider]:
    """The national list: everyone with a membership reads it (a partner login does not)."""
    qs = Provider.objects.all()
    return qs if _has_membership(user) else qs.none()


def provider_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> Provider:
    provider = providers_for_user(user).filter(pk=pk).first()
    if provider is None:
        raise Http404
    if manage and not can_keep_providers(user):
        raise PermissionDenied
    return provider


def accreditation_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> Accreditation:
    accreditation = (
        Accreditation.objects.select_related("provider")
        .filter(pk=pk, provider__in=providers_for_user(user))
        .first()
    )
    if accreditation is None:
        raise Http404
    if manage and not can_keep_providers(user):
        raise PermissionDenied
    return accreditation


# ---------------------------------------------------------------- exercises


def can_manage_people(user: AnyUser, people: Iterable[Person]) -> bool:
    """Whether the user manages every one of these people (as for a single activity)."""
    return all(can_manage_person(user, person) for person in people)


def unmanaged(user: AnyUser, people: Iterable[Person]) -> list[Person]:
    """The people among these the user does not manage, for a message naming them."""
    return [person for person in people if not can_manage_person(user, person)]


def exercise_people(exercise: Exercise) -> list[Person]:
    """Everyone in an exercise: participants and observers."""
    return [
        p.person
        for p in exercise.participants.select_related("person", "person__municipality").order_by(
            "pk"
        )
    ]


def can_manage_exercise(user: AnyUser, exercise: Exercise) -> bool:
    """A regional manager manages every exercise of the region; anyone else only an exercise
    whose participants and observers they all manage (a municipal coordinator: their own
    municipality's people)."""
    if core_access.can_manage_region(user, exercise.region_id):
        return True
    if not core_access.can_manage_anything(user, exercise.region_id):
        return False
    return can_manage_people(user, exercise_people(exercise))


def exercises_for_user(user: AnyUser) -> QuerySet[Exercise]:
    """The exercises of the regions the user may see."""
    s = core_access.scopes_for(user)
    qs = Exercise.objects.select_related("region")
    return qs if s.national_read else qs.filter(region_id__in=s.read_regions)


def exercise_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> Exercise:
    exercise = Exercise.objects.select_related("region").filter(pk=pk).first()
    if exercise is None:
        raise Http404
    _readable(user, exercise.region_id)
    if manage and not can_manage_exercise(user, exercise):
        raise PermissionDenied
    return exercise


# ---------------------------------------------------------------- alarm tests


def alarm_tests_for_user(user: AnyUser) -> QuerySet[AlarmTest]:
    s = core_access.scopes_for(user)
    qs = AlarmTest.objects.select_related("region")
    return qs if s.national_read else qs.filter(region_id__in=s.read_regions)


def alarm_test_for_user(user: AnyUser, pk: int, *, manage: bool = False) -> AlarmTest:
    """One alarm test and its report; starting one is for the region's managers."""
    test = AlarmTest.objects.select_related("region").filter(pk=pk).first()
    if test is None:
        raise Http404
    _readable(user, test.region_id)
    if manage and not core_access.can_manage_region(user, test.region_id):
        raise PermissionDenied
    return test
