"""`response_submit`: a response per code, the open link, a resubmit counted once, answers
checked per question with Dutch messages, anonymous storage."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from oranje.learning import codes
from oranje.learning.models import Answer, Invitation, Response
from oranje.learning.services.responses import (
    check_code,
    clean_client_key,
    response_submit,
    survey_state,
)
from oranje.learning.tests.public_world import good_answers, make_survey

pytestmark = pytest.mark.django_db


def key() -> str:
    return uuid.uuid4().hex


def messages(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_open_link_writes_a_response_with_its_answers_and_area() -> None:
    made = make_survey()
    response, created = response_submit(
        survey=made.survey, answers=good_answers(postcode="1951 AB"), client_key=key()
    )
    assert created
    assert response.channel == "open"
    assert response.postcode_area == "1951"
    assert response.shelter == "yes"
    assert response.submitted_on == timezone.localdate()
    answers = {a.question.code: a for a in Answer.objects.filter(response=response)}
    assert answers["informed_in_time"].value == "in_time"
    assert answers["sources"].values == ["nl_alert", "people"]
    assert answers["felt_helped"].value == "4"
    assert answers["comments"].text.startswith("De buren")
    # The postcode lives on the response only, not as a free-text answer.
    assert "postcode" not in answers


def test_a_code_takes_the_invitations_area_and_is_spent_for_the_day_only() -> None:
    made = make_survey(areas=("1952",))
    typed = codes.show(made.codes[0]).lower()  # as a resident may type it
    response, created = response_submit(
        survey=made.survey, answers=good_answers(postcode="9999"), code=typed, client_key=key()
    )
    assert created and response.channel == "code"
    assert response.postcode_area == "1952"  # the typed postcode is not even asked
    invitation = Invitation.objects.get(code_hash=codes.code_hash(made.codes[0]))
    used = timezone.localtime(invitation.used_at)
    assert (used.hour, used.minute, used.second) == (0, 0, 0)
    assert used.date() == timezone.localdate()
    # Anonymous: nothing on the response points at the invitation.
    fields = {f.name for f in Response._meta.get_fields()}
    assert not {"invitation", "address", "ip", "street"} & fields


def test_a_used_code_and_an_unknown_code_are_refused_on_the_code_field() -> None:
    made = make_survey()
    response_submit(
        survey=made.survey, answers=good_answers(), code=made.codes[0], client_key=key()
    )
    with pytest.raises(ValidationError) as used:
        response_submit(
            survey=made.survey, answers=good_answers(), code=made.codes[0], client_key=key()
        )
    assert messages(used) == {"code": ["Met deze code is de enquête al ingevuld."]}
    other = make_survey()
    for typed in ("ABCD-EFGH", "nonsense", other.codes[0]):  # another survey's code too
        with pytest.raises(ValidationError) as unknown:
            response_submit(
                survey=made.survey, answers=good_answers(), code=typed, client_key=key()
            )
        assert messages(unknown) == {
            "code": ["Deze code kennen we niet. Kijk of u de code goed heeft overgenomen."]
        }
    assert Response.objects.filter(survey=made.survey).count() == 1


def test_the_same_client_key_again_returns_the_first_response() -> None:
    made = make_survey()
    same = key()
    first, created = response_submit(
        survey=made.survey, answers=good_answers(), code=made.codes[1], client_key=same
    )
    again, created_again = response_submit(
        survey=made.survey, answers=good_answers(), code=made.codes[1], client_key=same
    )
    assert created and not created_again and again.pk == first.pk
    assert Response.objects.filter(survey=made.survey).count() == 1
    assert Answer.objects.filter(response__survey=made.survey).count() == 8


def test_required_answers_and_bad_values_are_named_per_question() -> None:
    made = make_survey()
    answers = good_answers()
    answers.update(
        informed_in_time="",
        knew_what_to_do="maybe",
        felt_helped="7",
        sources=["nl_alert", "carrier_pigeon"],
        shelter="perhaps",
        comments="x" * 2001,
        postcode="19",
    )
    with pytest.raises(ValidationError) as exc:
        response_submit(survey=made.survey, answers=answers, client_key=key())
    assert messages(exc) == {
        "q-informed_in_time": ["Geef hier een antwoord."],
        "q-knew_what_to_do": ["Kies een van de antwoorden."],
        "q-felt_helped": ["Kies een van de antwoorden."],
        "q-sources": ["Kies een van de antwoorden."],
        "q-shelter": ["Kies een van de antwoorden."],
        "q-comments": ["Uw antwoord is te lang: hooguit 2000 tekens."],
        "q-postcode": ["Vul de vier cijfers van uw postcode in, bijvoorbeeld 1951."],
    }
    assert not Response.objects.filter(survey=made.survey).exists()


@pytest.mark.parametrize(
    "odd",
    [None, 5, ["a", "b"], {"x": 1}, "\x00", True, ["4"]],
)
def test_odd_values_never_break_the_service(odd: object) -> None:
    made = make_survey()
    answers = good_answers()
    answers["felt_helped"] = odd
    answers["sources"] = odd
    try:
        response_submit(survey=made.survey, answers=answers, client_key=key())
    except ValidationError as exc:
        assert set(exc.message_dict) <= {"q-felt_helped", "q-sources"}


def test_only_the_required_answers_are_enough_and_shelter_stays_unknown() -> None:
    made = make_survey()
    answers = {
        "informed_in_time": "late",
        "knew_what_to_do": "no",
        "felt_helped": "2",
        "trust": "1",
    }
    response, _created = response_submit(survey=made.survey, answers=answers, client_key=key())
    assert response.shelter == "" and response.postcode_area == ""
    assert Answer.objects.filter(response=response).count() == 4


def test_the_open_link_needs_the_surveys_permission() -> None:
    made = make_survey(open_link=False)
    with pytest.raises(ValidationError) as exc:
        response_submit(survey=made.survey, answers=good_answers(), client_key=key())
    assert messages(exc) == {"code": ["Vul de code uit uw brief in."]}
    response_submit(
        survey=made.survey, answers=good_answers(), code=made.codes[2], client_key=key()
    )


def test_a_closed_or_not_yet_open_survey_takes_no_answers() -> None:
    made = make_survey()
    survey = made.survey
    today = timezone.localdate()
    assert survey_state(survey) == "open"
    survey.opens_on = today + dt.timedelta(days=1)
    assert survey_state(survey) == "not_yet"
    survey.opens_on, survey.closes_on = today - dt.timedelta(days=9), today - dt.timedelta(days=1)
    assert survey_state(survey) == "closed"
    survey.closes_on = None
    survey.status = "closed"
    assert survey_state(survey) == "closed"
    with pytest.raises(ValidationError) as exc:
        response_submit(survey=survey, answers=good_answers(), client_key=key())
    assert list(messages(exc)) == ["__all__"]
    survey.status = "draft"
    assert survey_state(survey) == "not_yet"


@pytest.mark.parametrize("bad", ["", "x" * 65, "not-a-uuid", "\x00"])
def test_a_damaged_client_key_is_refused(bad: str) -> None:
    made = make_survey()
    with pytest.raises(ValidationError) as exc:
        response_submit(survey=made.survey, answers=good_answers(), client_key=bad)
    assert list(messages(exc)) == ["client_key"]
    assert clean_client_key(str(uuid.UUID(int=7))) == uuid.UUID(int=7).hex


def test_check_code_reads_leniently_and_says_what_is_wrong() -> None:
    made = make_survey()
    code = made.codes[0]
    assert check_code(made.survey, f" {code[:4].lower()} - {code[4:]} ") == code
    Invitation.objects.filter(code_hash=codes.code_hash(code)).update(used_at=timezone.now())
    with pytest.raises(ValidationError) as exc:
        check_code(made.survey, code)
    assert messages(exc) == {"code": ["Met deze code is de enquête al ingevuld."]}


def test_a_twin_request_that_wrote_first_is_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Between the service's look for the key and its write, a twin request with the same key
    commits: the unique key refuses ours, everything of ours is rolled back (the invitation
    stays unspent by us), and the twin's response is returned."""
    from oranje.learning.services import responses

    made = make_survey()
    same = key()
    twin = Response.objects.create(survey=made.survey, channel="open", client_key=same)
    real_filter = Response.objects.filter
    calls = {"n": 0}

    def blind_filter(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:  # the first look misses the twin
            return real_filter(pk=-1)
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(responses.Response.objects, "filter", blind_filter)
    response, created = response_submit(survey=made.survey, answers=good_answers(), client_key=same)
    assert (response.pk, created) == (twin.pk, False)
    assert not Answer.objects.filter(response__survey=made.survey).exists()
