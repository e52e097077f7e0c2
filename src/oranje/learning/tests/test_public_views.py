"""The public survey's pages: the open link, the code from the letter (typed or from the QR
code), Dutch messages on the field, the thank-you page after a redirect, a resubmit counted
once, the honeypot, the rate limit, closed and unknown surveys, the site's headers."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from django.test import Client

from oranje.learning import codes
from oranje.learning.models import Answer, Invitation, Response
from oranje.learning.tests.public_world import form_data, good_answers, make_survey

pytestmark = pytest.mark.django_db


def url(survey: Any) -> str:
    return f"/enquete/{survey.token}/"


def client_key(page: str) -> str:
    marker = 'name="client_key" value="'
    start = page.index(marker) + len(marker)
    return page[start : start + 32]


def test_the_open_link_shows_every_question_and_the_code_box(client: Client) -> None:
    made = make_survey()
    answer = client.get(url(made.survey))
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "Kreeg u op tijd informatie over wat er aan de hand was?" in page
    assert "Wat zijn de vier cijfers van uw postcode?" in page
    assert 'name="code"' in page and "Controleer mijn code" in page
    assert "Hoofdletters of kleine letters maken niet uit." in page
    assert 'name="website"' in page  # the honeypot
    assert "<script" not in page  # works without JavaScript
    assert answer["Cache-Control"].startswith("max-age=0")
    assert "no-store" in answer["Cache-Control"]
    assert "default-src 'self'" in answer["Content-Security-Policy"]
    assert answer["X-Frame-Options"] == "DENY"
    assert "Set-Cookie" not in answer or "sessionid" not in str(answer.cookies)


def test_without_the_open_link_only_the_code_box_is_shown(client: Client) -> None:
    made = make_survey(open_link=False)
    page = client.get(url(made.survey)).content.decode()
    assert "Vul uw code in" in page
    assert "Kreeg u op tijd informatie" not in page


def test_answering_on_the_open_link_redirects_to_the_thank_you_page(client: Client) -> None:
    made = make_survey()
    key = client_key(client.get(url(made.survey)).content.decode())
    data = {"client_key": key, **form_data(good_answers(postcode="1952"))}
    answer = client.post(url(made.survey), data)
    assert answer.status_code == 303
    assert answer["Location"] == f"/enquete/{made.survey.token}/bedankt/"
    thanks = client.get(answer["Location"]).content.decode()
    assert "We hebben uw antwoorden ontvangen." in thanks
    response = Response.objects.get(survey=made.survey)
    assert (response.channel, response.postcode_area, response.shelter) == ("open", "1952", "yes")
    assert response.client_key == key
    # Sent again after a lost connection: counted once, and the page says so.
    again = client.post(url(made.survey), data)
    assert again.status_code == 303 and again["Location"].endswith("/bedankt/?al=1")
    assert "We hebben uw antwoorden al." in client.get(again["Location"]).content.decode()
    assert Response.objects.filter(survey=made.survey).count() == 1


def test_the_code_from_the_qr_code_leads_to_the_questions_without_the_postcode(
    client: Client,
) -> None:
    made = make_survey(areas=("1953",))
    code = made.codes[0]
    answer = client.get(url(made.survey), {"code": codes.show(code)})
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "Uw code klopt." in page
    assert "Wat zijn de vier cijfers van uw postcode?" not in page
    assert f'name="code" value="{code}"' in page
    data = {"client_key": client_key(page), "code": code, **form_data(good_answers())}
    assert client.post(url(made.survey), data).status_code == 303
    response = Response.objects.get(survey=made.survey)
    assert (response.channel, response.postcode_area) == ("code", "1953")
    assert Invitation.objects.get(code_hash=codes.code_hash(code)).used_at is not None
    # The same letter again: the code is spent.
    again = client.get(url(made.survey), {"code": code.lower()})
    assert again.status_code == 400
    assert "Met deze code is de enquête al ingevuld." in again.content.decode()
    assert 'aria-invalid="true"' in again.content.decode()


@pytest.mark.parametrize("typed", ["KX7P-M3QD", "12", "x" * 500, "ABCD EFGH!"])
def test_an_unknown_code_is_named_on_the_code_field(client: Client, typed: str) -> None:
    made = make_survey()
    answer = client.get(url(made.survey), {"code": typed})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Deze code kennen we niet. Kijk of u de code goed heeft overgenomen." in page
    assert 'id="e-code"' in page and 'href="#f-code"' in page
    # Only the code is wrong: the summary's heading speaks of the code, not of answers.
    assert "Controleer uw code" in page and "Controleer deze antwoorden" not in page


def test_an_empty_code_asks_for_it(client: Client) -> None:
    made = make_survey()
    # A NUL in the address is refused by the site's parameter guard (400, not a 500).
    assert client.get(url(made.survey), {"code": "ABCD\x00EFGH"}).status_code == 400
    answer = client.get(url(made.survey), {"code": "  "})
    assert answer.status_code == 400
    assert "Vul de code uit uw brief in." in answer.content.decode()


def test_missing_required_answers_are_named_on_their_question(client: Client) -> None:
    made = make_survey()
    key = uuid.uuid4().hex
    answers = good_answers()
    del answers["trust"]
    answer = client.post(url(made.survey), {"client_key": key, **form_data(answers)})
    assert answer.status_code == 400
    page = answer.content.decode()
    assert 'id="e-q-trust"' in page and "Geef hier een antwoord." in page
    assert "Controleer deze antwoorden" in page and "Controleer uw code" not in page
    assert 'href="#f-q-trust-0"' in page  # the summary links to the question's first answer
    # The summary's link names the question; it is the first thing in <main>, takes the
    # focus without JavaScript (autofocus) and the page title starts with "Fout:".
    trust = made.survey.questions.get(code="trust").text
    assert f'<a href="#f-q-trust-0">{trust}: Geef hier een antwoord.</a>' in page
    main = page[page.index('<main id="main"') :]
    assert main.index('id="error-summary"') < main.index("<h1>")
    assert "autofocus" in main[: main.index("<h1>")]
    assert "<title>Fout: " in page
    # What was answered stays filled in, with the same key for the next try.
    assert 'value="in_time" checked' in page
    assert f'value="{key}"' in page
    assert not Response.objects.exists()


def test_a_code_spent_meanwhile_is_named_on_the_code_field(client: Client) -> None:
    made = make_survey()
    code = made.codes[1]
    Invitation.objects.filter(code_hash=codes.code_hash(code)).update(used_at="2026-01-01T00:00Z")
    data = {"client_key": uuid.uuid4().hex, "code": code, **form_data(good_answers())}
    answer = client.post(url(made.survey), data)
    assert answer.status_code == 400
    assert "Met deze code is de enquête al ingevuld." in answer.content.decode()


def test_the_honeypot_gets_thanks_and_nothing_is_stored(client: Client) -> None:
    made = make_survey()
    data = {"client_key": uuid.uuid4().hex, "website": "http://spam", **form_data(good_answers())}
    answer = client.post(url(made.survey), data)
    assert answer.status_code == 303
    assert not Response.objects.exists()


def test_the_rate_limit_per_address(client: Client, settings: Any) -> None:
    settings.SURVEY_RATE_ADDRESS = "3/hour"
    made = make_survey()
    for _ in range(3):
        assert client.get(url(made.survey), {"code": "ABCD-EFGH"}).status_code == 400
    answer = client.get(url(made.survey), {"code": made.codes[0]})
    assert answer.status_code == 429
    assert answer["Retry-After"] == "3600"
    assert "Probeer het over een uur opnieuw." in answer.content.decode()
    data = {"client_key": uuid.uuid4().hex, **form_data(good_answers())}
    assert client.post(url(made.survey), data).status_code == 429
    assert not Response.objects.exists()
    # Another address is not held back.
    other = client.get(url(made.survey), {"code": made.codes[0]}, REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


@pytest.mark.parametrize(
    ("status", "opens", "says"),
    [
        ("closed", None, "Deze enquête is gesloten."),
        ("open", "2999-01-01", "Deze enquête is nog niet open."),
    ],
)
def test_closed_or_not_yet_open_says_so(
    client: Client, status: str, opens: str | None, says: str
) -> None:
    made = make_survey(status=status)
    if opens:
        made.survey.opens_on = opens
        made.survey.save()
    answer = client.get(url(made.survey))
    assert answer.status_code == 200
    assert says in answer.content.decode()
    data = {"client_key": uuid.uuid4().hex, **form_data(good_answers())}
    posted = client.post(url(made.survey), data)
    assert says in posted.content.decode()
    assert not Response.objects.exists()


def test_a_survey_in_preparation_or_an_unknown_token_is_not_found(client: Client) -> None:
    made = make_survey(status="draft")
    assert client.get(url(made.survey)).status_code == 404
    assert client.get(f"/enquete/{made.survey.token}/bedankt/").status_code == 404
    assert client.get("/enquete/onbekend/").status_code == 404
    assert client.get(f"/enquete/{'x' * 40}/").status_code == 404
    # A mistyped link: a kind page in the public layout, no staff page or login button.
    page = client.get("/enquete/onbekend/").content.decode()
    assert "We kunnen deze enquête niet vinden" in page
    assert "public_survey.css" in page
    assert "Inloggen" not in page and "/inloggen" not in page


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"client_key": "x" * 5000},
        {"client_key": uuid.uuid4().hex, "q-felt_helped": "\x00"},
        {"client_key": uuid.uuid4().hex, "q-sources": ["a"] * 200},
        {"client_key": uuid.uuid4().hex, "q-comments": "é" * 100_000},
        {"client_key": uuid.uuid4().hex, "code": "\x00" * 10},
    ],
)
def test_odd_posts_never_make_a_500(client: Client, data: dict[str, object]) -> None:
    made = make_survey()
    answer = client.post(url(made.survey), data)
    assert answer.status_code == 400


def test_answers_of_an_exercise_are_marked(client: Client) -> None:
    made = make_survey(is_exercise=True)
    assert "OEFENING" in client.get(url(made.survey)).content.decode()


def test_csrf_is_required(client: Client) -> None:
    made = make_survey()
    strict = Client(enforce_csrf_checks=True)
    data = {"client_key": uuid.uuid4().hex, **form_data(good_answers())}
    assert strict.post(url(made.survey), data).status_code == 403
    page = strict.get(url(made.survey)).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    data["csrfmiddlewaretoken"] = token
    assert strict.post(url(made.survey), data).status_code == 303
    assert Answer.objects.filter(response__survey=made.survey).count() == 8


def test_the_page_and_the_answer_take_few_queries(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    made = make_survey()
    with django_assert_max_num_queries(4):
        page = client.get(url(made.survey), {"code": made.codes[0]}).content.decode()
    data = {"client_key": client_key(page), "code": made.codes[0], **form_data(good_answers())}
    with django_assert_max_num_queries(12):
        assert client.post(url(made.survey), data).status_code == 303


def test_check_my_code_posts_the_code_so_it_stays_out_of_the_address(client: Client) -> None:
    made = make_survey(areas=("1953",))
    page = client.get(url(made.survey)).content.decode()
    box = page[page.index('id="code-title"') :]
    box = box[: box.index("</form>")]
    assert '<form method="post"' in box and 'name="check"' in box
    code = made.codes[0]
    answer = client.post(url(made.survey), {"check": "1", "code": codes.show(code).lower()})
    assert answer.status_code == 200
    shown = answer.content.decode()
    assert "Uw code klopt." in shown and f'name="code" value="{code}"' in shown
    wrong = client.post(url(made.survey), {"check": "1", "code": "KX7P-M3QD"})
    assert wrong.status_code == 400
    assert "Deze code kennen we niet." in wrong.content.decode()
    assert not Response.objects.exists()
