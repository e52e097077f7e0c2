"""The Q&A list as a service: versions per change, approval, an approved text that stays
live while its change waits, only approved items public, withdrawing and the order."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from oranje.communication import selectors_qa as selectors
from oranje.communication.models import QAItem
from oranje.communication.services import qa as services
from oranje.communication.tests.environment_factories import advisor
from oranje.core.models import AuditEntry, User
from oranje.incidents.models import Incident
from oranje.incidents.tests.factories import start_incident
from oranje.organisation.tests.factories import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def incident(world: World) -> Incident:
    return start_incident(world)


@pytest.fixture
def writer(world: World) -> User:
    return advisor(world)


def _item(incident: Incident, writer: User, question: str = "Is de rook giftig?") -> QAItem:
    return services.qa_create(
        incident=incident, actor=writer, question=question, answer="Nee, wel hinderlijk."
    )


def test_a_new_item_is_a_draft_with_its_first_version(incident: Incident, writer: User) -> None:
    item = _item(incident, writer)
    assert (item.status, item.version, item.position, item.public) == ("draft", 1, 1, False)
    (version,) = item.versions.all()
    assert (version.number, version.question, version.changed_by) == (1, item.question, writer)
    assert AuditEntry.objects.filter(action="qa.save", object_id=str(item.pk)).exists()
    assert list(selectors.qa_approved(incident)) == []


def test_every_change_is_a_version_with_who_and_when(incident: Incident, writer: User) -> None:
    item = _item(incident, writer)
    item = services.qa_update(item=item, actor=writer, question=item.question, answer="Nee.")
    item = services.qa_update(item=item, actor=writer, question=item.question, answer="Nee.")
    assert item.version == 2  # the same text again is no new version
    assert [v.answer for v in item.versions.order_by("number")] == ["Nee, wel hinderlijk.", "Nee."]
    assert item.answer == "Nee."


def test_an_approved_text_stays_live_until_its_change_is_approved(
    world: World, incident: Incident, writer: User
) -> None:
    item = _item(incident, writer)
    item = services.qa_approve(item=item, actor=world.coordinator)
    assert (item.status, item.approved_by) == ("approved", world.coordinator)
    assert AuditEntry.objects.filter(action="qa.approve", object_id=str(item.pk)).exists()
    item = services.qa_set_public(item=item, actor=writer, public=True)
    item = services.qa_update(
        item=item, actor=writer, question=item.question, answer="Ja, blijf binnen."
    )
    item.refresh_from_db()
    assert (item.status, item.answer, item.version) == ("approved", "Nee, wel hinderlijk.", 1)
    pending = services.pending_version(item)
    assert pending is not None and (pending.number, pending.answer) == (2, "Ja, blijf binnen.")
    assert list(selectors.qa_approved(incident, public_only=True)) == [item]
    item = services.qa_approve(item=item, actor=writer)
    assert (item.answer, item.version) == ("Ja, blijf binnen.", 2)
    assert services.pending_version(item) is None
    with pytest.raises(ValidationError) as caught:
        services.qa_approve(item=item, actor=writer)
    assert "al vastgesteld" in caught.value.message_dict["status"][0]


def test_only_approved_items_go_public_and_withdrawing_takes_them_off(
    incident: Incident, writer: User
) -> None:
    item = _item(incident, writer)
    with pytest.raises(ValidationError) as caught:
        services.qa_set_public(item=item, actor=writer, public=True)
    assert caught.value.message_dict["public"][0].startswith("publiek: alleen een vastgestelde")
    item = services.qa_approve(item=item, actor=writer)
    item = services.qa_set_public(item=item, actor=writer, public=True)
    assert list(selectors.qa_approved(incident, public_only=True)) == [item]
    item = services.qa_retire(item=item, actor=writer)
    assert (item.retired, item.public) == (True, False)
    assert list(selectors.qa_approved(incident)) == []
    with pytest.raises(ValidationError) as caught:
        services.qa_set_public(item=item, actor=writer, public=True)
    assert "ingetrokken" in caught.value.message_dict["public"][0]
    with pytest.raises(ValidationError):
        services.qa_update(item=item, actor=writer, question="Nieuw?", answer="Ja.")
    item = services.qa_retire(item=item, actor=writer, retired=False)
    assert list(selectors.qa_approved(incident)) == [item]


@pytest.mark.parametrize(
    ("question", "answer", "field", "words"),
    [
        ("", "Ja.", "question", "vraag: schrijf de vraag"),
        ("Mag ik naar huis?", "   ", "answer", "antwoord: schrijf het antwoord"),
        ("x" * 501, "Ja.", "question", "vraag: ten hoogste 500 tekens (nu 501)"),
        ("Vraag?", "x" * 3001, "answer", "antwoord: ten hoogste 3000 tekens"),
    ],
)
def test_bad_text_is_refused_in_dutch_naming_the_field(
    incident: Incident, writer: User, question: str, answer: str, field: str, words: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.qa_create(incident=incident, actor=writer, question=question, answer=answer)
    assert words in caught.value.message_dict[field][0]
    assert not QAItem.objects.exists()


def test_items_are_put_in_order(incident: Incident, writer: User) -> None:
    a, _b, c = (_item(incident, writer, q) for q in ("A?", "B?", "C?"))
    services.qa_move(item=c, actor=writer, position=1)
    assert [i.question for i in selectors.qa_list(incident)] == ["C?", "A?", "B?"]
    services.qa_move(item=c, actor=writer, position=3)
    assert [i.question for i in selectors.qa_list(incident)] == ["A?", "B?", "C?"]
    with pytest.raises(ValidationError) as caught:
        services.qa_move(item=a, actor=writer, position=4)
    assert "1 tot en met 3" in caught.value.message_dict["position"][0]


def test_the_search_finds_every_word_in_question_or_answer(
    incident: Incident, writer: User
) -> None:
    _item(incident, writer, "Is de rook giftig?")
    _item(incident, writer, "Waar is de opvang?")
    assert [i.question for i in selectors.qa_list(incident, search="ROOK hinderlijk")] == [
        "Is de rook giftig?"
    ]
    assert len(selectors.qa_list(incident, search="de")) == 2


def test_only_those_who_may_communicate_write_the_list(
    world: World, incident: Incident, writer: User
) -> None:
    for outsider in (world.viewer, world.functionary, world.outsider):
        with pytest.raises(PermissionDenied):
            _item(incident, outsider)
    item = _item(incident, writer)
    with pytest.raises(PermissionDenied):
        services.qa_approve(item=item, actor=world.functionary)
    with pytest.raises(PermissionDenied):
        services.qa_set_public(item=item, actor=world.viewer, public=False)


def test_the_public_page_forgets_its_kept_copy_when_a_public_item_changes(
    world: World, writer: User, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.cache import cache

    from oranje.communication.public import page_cache_key

    incident = start_incident(world)  # a real incident: its region's page shows it
    key = page_cache_key(incident.region.code, "nl")
    item = services.qa_approve(item=_item(incident, writer), actor=writer)
    cache.set(key, "kept")
    with django_capture_on_commit_callbacks(execute=True):
        services.qa_set_public(item=item, actor=writer, public=True)
    assert cache.get(key) is None
    cache.set(key, "kept")
    with django_capture_on_commit_callbacks(execute=True):
        services.qa_update(item=item, actor=writer, question=item.question, answer="Ja.")
    assert cache.get(key) == "kept"  # a waiting change is not on the page yet
    with django_capture_on_commit_callbacks(execute=True):
        services.qa_approve(item=item, actor=writer)
    assert cache.get(key) is None
