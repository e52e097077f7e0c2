"""The demo's aftercare (issue 14).

- **Haarlem** (the care-home fire exercise) continues into the nafase: the lead ends the acute
  phase and names the aftercare persona head; everyone who arrived gets a deployment record; a
  transition document is approved; nine aftercare tasks over the six themes; the IAC has 45
  households (some linked to their damage reports; linking a shelter stay or a registered person needs
  a care or registry role, which the aftercare persona does not hold) with questions, contacts —
  home visits for those with limited mobility — follow-ups (a few overdue), referrals, and
  some closed; a newsletter went out (an exercise: recorded, not sent; letters as PDF).
- **Velsen-Noord** (the gas outage exercise, still acute) prepares the aftercare for its
  1,300 households without gas: tasks, and the households on the IAC's list (written at once,
  as the grid operator's address list would be), most of them wanting the newsletter.

Through the room's services where a person would act; only the clock is set back afterwards.
Each part is made once, so a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from oranje.aftercare.constants import ContactKind, ReferralTo, TaskStatus, Theme
from oranje.aftercare.models import (
    AftercareTask,
    IacCase,
    IacContact,
    IacFollowUp,
    Newsletter,
    ThankYou,
    TransitionDocument,
)
from oranje.aftercare.services import (
    iac,
    iac_work,
    newsletters,
    phase,
    tasks,
    thanks,
    transition,
)
from oranje.core.constants import Role
from oranje.core.models import Membership, Region, User
from oranje.core.validation import parse_house
from oranje.damage.models import DamageReport
from oranje.demo import aftercare_data as data
from oranje.incidents.models import Incident

HEAD = "nafase.kennemerland"


def personas(region: Region, make_user: Callable[[str, str, str], User]) -> None:
    """The head of the aftercare and IAC officer of Kennemerland (world.PERSONAS)."""
    head = make_user(HEAD, "Ingrid", "Vermeulen")
    Membership.objects.get_or_create(user=head, role=Role.AFTERCARE, region=region)


def haarlem_iac(incident: Incident, log: Callable[[str], None]) -> None:
    """45 households at the IAC of the Haarlem fire."""
    if IacCase.objects.filter(incident=incident).exists():
        log("Haarlem: het IAC heeft zijn dossiers al.")
        return
    officer = User.objects.get(username=HEAD)
    rng = random.Random(data.SEED + 1)
    now = timezone.now()
    opened_from = incident.acute_ended_at or now - dt.timedelta(hours=1)
    reports = list(
        DamageReport.objects.filter(incident=incident)
        .order_by("pk")
        .values_list("pk", "address_key")
    )
    with transaction.atomic():
        for n, h in enumerate(data.iac_households(data.IAC_CASES, data.SEED + 2)):
            report_ids: list[int] = []
            if n % 4 == 0 and reports:
                # The household reported damage: link it, and take the report's address.
                pk, key = reports[(n * 7) % len(reports)]
                report_ids = [pk]
                code, number, addition = key.split("|")
                h = {**h, "postcode": code, "house": f"{number}{addition}", "street": ""}
            case = iac.case_open(
                actor=officer,
                incident=incident,
                household_name=str(h["household_name"]),
                phone=str(h["phone"]),
                email=str(h["email"]),
                postcode=str(h["postcode"]),
                house=str(h["house"]),
                street=str(h["street"]),
                city=str(h["city"]),
                limited_mobility=bool(h["limited_mobility"]),
                newsletter_consent=bool(h["newsletter_consent"]),
                themes=list(h["themes"]),  # type: ignore[call-overload]
                damage_report_ids=report_ids,
            )
            opened = opened_from + (now - opened_from) * (n / (data.IAC_CASES + 1))
            IacCase.objects.filter(pk=case.pk).update(opened_at=opened, updated_at=opened)
            for theme in list(h["themes"])[:2]:  # type: ignore[call-overload]
                iac_work.question_add(
                    actor=officer,
                    case=case,
                    theme=theme,
                    text=rng.choice(data.IAC_QUESTIONS[theme]),
                )
            kind = (
                ContactKind.HOME_VISIT
                if h["limited_mobility"]
                else rng.choice([ContactKind.PHONE, ContactKind.PHONE, ContactKind.DESK])
            )
            iac_work.contact_add(
                actor=officer,
                case=case,
                kind=kind,
                at=opened,
                summary=(
                    "Huisbezoek: bewoner kan slecht lopen; vragen doorgenomen en een "
                    "vervolgafspraak gemaakt."
                    if kind == ContactKind.HOME_VISIT
                    else "Vragen doorgenomen, informatie over de nafase gegeven."
                ),
            )
            due = timezone.localdate() + dt.timedelta(days=rng.randint(-3, 10))
            iac_work.follow_up_add(
                actor=officer,
                case=case,
                due_on=max(due, timezone.localdate()),
                text=rng.choice(
                    ["Terugbellen over de huisvesting", "Voorschot nagaan", "Huisbezoek plannen"]
                ),
                assigned_to=officer,
            )
            if due < timezone.localdate():
                # Overdue: its date set back, as if planned earlier.
                IacFollowUp.objects.filter(case=case).update(due_on=due)
            if Theme.FINANCE in h["themes"]:  # type: ignore[operator]
                iac_work.referral_add(
                    actor=officer,
                    case=case,
                    to=ReferralTo.INSURER if n % 2 else ReferralTo.SCHEME,
                    organisation="Eigen verzekeraar" if n % 2 else "",
                )
            if Theme.PSYCHOSOCIAL in h["themes"]:  # type: ignore[operator]
                iac_work.referral_add(
                    actor=officer, case=case, to=ReferralTo.VICTIM_SUPPORT, note="Akkoord bewoner."
                )
            if n % 9 == 8:
                iac.case_close(
                    actor=officer,
                    case=case,
                    note="Vragen beantwoord; het huishouden redt zich.",
                    follow_ups_done=True,
                )
            IacContact.objects.filter(case=case).update(at=opened)
    log(f"Haarlem: IAC met {data.IAC_CASES} huishoudens, huisbezoeken en vervolgacties.")


def velsen_households(incident: Incident, log: Callable[[str], None]) -> None:
    """The 1,300 households without gas on the IAC's list: written at once, as an address list
    of the grid operator would be, without names (the household is its address)."""
    if IacCase.objects.filter(incident=incident).exists():
        log("Velsen-Noord: de huishoudens staan al op de IAC-lijst.")
        return
    from oranje.demo.care_data import INSIDE_STREETS

    rng = random.Random(data.SEED + 3)
    at = incident.started_at + dt.timedelta(hours=2)
    rows = []
    for n in range(data.VELSEN_HOUSEHOLDS):
        street, postcode, city = INSIDE_STREETS[n % len(INSIDE_STREETS)]
        number, addition = parse_house(str(1 + n // len(INSIDE_STREETS)))
        has_mail = rng.random() < 0.6
        rows.append(
            IacCase(
                incident=incident,
                number=n + 1,
                household_name=f"Bewoners {street} {number}",
                email=f"bewoners.{postcode.lower()}.{number}@voorbeeld.nl" if has_mail else "",
                postcode=postcode,
                house_number=number,
                house_addition=addition,
                street=street,
                city=city,
                newsletter_consent=rng.random() < 0.8,
                themes=[Theme.INFORMATION],
                opened_at=at,
                updated_at=at,
            )
        )
    IacCase.objects.bulk_create(rows, batch_size=500)
    log(f"Velsen-Noord: {data.VELSEN_HOUSEHOLDS} huishoudens zonder gas op de IAC-lijst.")


NEWSLETTER_HAARLEM = (
    "Nieuwsbrief 1: de eerste week na de brand",
    "Beste bewoner,\n\nIn de nacht van de brand in Zorgcentrum De Spaarnehof moesten u en uw "
    "buren halsoverkop uw huis uit. In deze nieuwsbrief leest u wat er nu gebeurt.\n\n"
    "Wonen: 19 huishoudens uit de flat kunnen voorlopig niet terug. De gemeente zoekt samen met "
    "de woningcorporatie woonruimte voor hen. Wie nog niet gebeld is, hoort vóór vrijdag van ons."
    "\n\nSchade: meld schade bij uw verzekeraar. Bent u niet verzekerd? Kom langs bij het "
    "informatie- en adviescentrum (IAC).\n\nHet IAC zit in buurthuis De Ringvaart, open op "
    "werkdagen van 9 tot 17 uur. Bellen kan ook: 14 023. Kunt u slecht lopen? Dan komen wij "
    "bij u langs.\n\nMet vriendelijke groet,\nGemeente Haarlem",
)
NEWSLETTER_VELSEN = (
    "Stand van zaken gasstoring Velsen-Noord",
    "Beste bewoner,\n\nDoor water in het gasnet heeft uw huis geen gas. De netbeheerder "
    "werkt dag en nacht aan het herstel. Monteurs komen bij u langs om de gasmeter weer aan te "
    "zetten; zij laten een kaartje achter als u niet thuis bent.\n\nKook en verwarm niet met "
    "een barbecue of gasfles binnen. In het buurthuis aan de Wijkerstraatweg kunt u terecht "
    "voor een warme maaltijd, een kookplaatje of een vraag.\n\nMet vriendelijke groet,\n"
    "Gemeente Velsen",
)


#: Who was alerted by hand for the fire in its first quarter hour: (function, people).
FIRE_ALERTS = [("OVD-BZ", 1), ("AC-BZ", 1), ("L-TBZ", 1), ("CPG", 2)]


def _alerts(incident: Incident, lead: User) -> None:
    """The fire's population-care functions, alerted by hand (the exercise started without a
    scaling rule firing); all accept and arrive within the half hour, so that the acute end
    gives each a deployment record and the thank-you has its addressees."""
    from oranje.alerting import services as alerting
    from oranje.alerting.constants import Answer
    from oranje.alerting.models import Alert, FunctionCall
    from oranje.organisation.models import Function

    if FunctionCall.objects.filter(incident=incident).exists():
        return
    at = incident.started_at + dt.timedelta(minutes=12)
    for n, (code, people) in enumerate(FIRE_ALERTS):
        call, _warnings = alerting.alert_manual(
            actor=lead,
            incident=incident,
            function=Function.objects.get(code=code),
            people_needed=people,
            reason="Brand zorgcentrum: bevolkingszorg opgeroepen.",
        )
        FunctionCall.objects.filter(pk=call.pk).update(opened_at=at)
        for m, alert in enumerate(call.alerts.order_by("pk")[:people]):
            Alert.objects.filter(pk=alert.pk).update(alerted_at=at)
            alert.refresh_from_db()
            answered = at + dt.timedelta(minutes=2 + m)
            eta = 15 + 4 * n
            alert = alerting.alert_answer(
                token=alerting.answer_token(alert),
                answer=Answer.ACCEPTED,
                eta_minutes=eta,
                now=answered,
            )
            alerting.alert_arrive(
                alert=alert, via="board", actor=lead, now=answered + dt.timedelta(minutes=eta)
            )


def _nafase(incident: Incident, lead: User, log: Callable[[str], None]) -> None:
    """The lead ends the acute phase now, with the aftercare persona as head;
    the deployments of everyone who arrived are recorded by the acute end itself."""
    if incident.acute_ended_at is not None:
        log("Haarlem: de nafase loopt al.")
        return
    head = User.objects.get(username=HEAD)
    with transaction.atomic():
        _alerts(incident, lead)
        phase.aftercare_start(
            actor=lead,
            incident=incident,
            head=head,
            note="Brand meester; opvang loopt af. Nazorg onder leiding van het hoofd nafase.",
        )
        incident.refresh_from_db()
    log("Haarlem: acute fase beëindigd, nafase onder leiding van Ingrid Vermeulen.")


def _transition(incident: Incident, lead: User, log: Callable[[str], None]) -> None:
    if TransitionDocument.objects.filter(incident=incident).exists():
        return
    head = User.objects.get(username=HEAD)
    with transaction.atomic():
        doc = transition.transition_create(actor=head, incident=incident)
        doc = transition.transition_update(actor=head, doc=doc, **data.TRANSITION)
        transition.transition_approve(actor=lead, doc=doc)
    log("Haarlem: overdrachtsdocument vastgesteld.")


def _tasks(
    incident: Incident, rows: list[tuple[str, str, int]], done: int, log: Callable[[str], None]
) -> None:
    if AftercareTask.objects.filter(incident=incident).exists():
        return
    head = User.objects.get(username=HEAD)
    today = timezone.localdate()
    with transaction.atomic():
        for n, (theme, title, days) in enumerate(rows):
            task = tasks.task_create(
                actor=head,
                incident=incident,
                theme=theme,
                title=title,
                description="",
                owner=head if n % 3 == 0 else None,
                owner_name="" if n % 3 == 0 else "Team nafase gemeente",
                deadline=today + dt.timedelta(days=days),
                status=TaskStatus.OPEN,
            )
            if n < done:
                tasks.task_set_status(actor=head, task=task, status=TaskStatus.DONE, note="")
            elif n % 2:
                tasks.task_set_status(actor=head, task=task, status=TaskStatus.IN_PROGRESS, note="")
    log(f"{incident.title}: {len(rows)} nazorgtaken.")


def _newsletter(incident: Incident, words: tuple[str, str], log: Callable[[str], None]) -> None:
    if Newsletter.objects.filter(incident=incident).exists():
        return
    head = User.objects.get(username=HEAD)
    with transaction.atomic():
        letter = newsletters.newsletter_save(
            actor=head, incident=incident, subject=words[0], body=words[1], newsletter=None
        )
        newsletters.newsletter_send(actor=head, newsletter=letter)
    log(f"{incident.title}: nieuwsbrief verstuurd (oefening: vastgelegd, niet verzonden).")


def _thanks(incident: Incident, lead: User, log: Callable[[str], None]) -> None:
    if ThankYou.objects.filter(incident=incident).exists():
        return
    if thanks.thanks_problem(incident, timezone.now()):
        return
    with transaction.atomic():
        thanks.thanks_send(actor=lead, incident=incident, text=thanks.default_text(incident))
    log("Haarlem: bedankbericht aan wie opkwam.")


def haarlem(incident: Incident, lead: User, log: Callable[[str], None]) -> None:
    """The fire exercise into its nafase (see the module docstring)."""
    from oranje.demo import damage

    damage.haarlem(incident, log)
    _nafase(incident, lead, log)
    _transition(incident, lead, log)
    _tasks(incident, data.TASKS_HAARLEM, 2, log)
    haarlem_iac(incident, log)
    _newsletter(incident, NEWSLETTER_HAARLEM, log)
    _thanks(incident, lead, log)


def velsen(incident: Incident, lead: User, log: Callable[[str], None]) -> None:
    """The gas outage prepares its aftercare (see the module docstring)."""
    velsen_households(incident, log)
    _tasks(incident, data.TASKS_VELSEN, 1, log)
    _newsletter(incident, NEWSLETTER_VELSEN, log)
