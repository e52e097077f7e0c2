"""A message as it leaves Oranje by another hand: the NL-Alert draft (the text as a cell
broadcast would carry it, with its pages), the text for social media, and the audit entry of
every export (a CAP file, a press release).

NL-Alert is broadcast only by the national and regional centres: Oranje drafts the text and
the CAP file, it sends nothing. A cell-broadcast page holds 93 characters of the GSM 7-bit
alphabet; one character outside it (an ë, a curly quote) makes the whole text UCS-2, and
then a page holds 41. NL-Alert allows 15 pages: 1395 GSM characters."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from oranje.communication.constants import NL_ALERT_MAX, SOCIAL_MAX
from oranje.communication.models import Message
from oranje.communication.readability import GSM7_BASIC, GSM7_EXTENDED
from oranje.core.audit import audit_record
from oranje.core.audit_actions import AuditAction
from oranje.core.models import Region, User

#: NL-Alert's most pages (NL_ALERT_MAX = 15 × 93).
CB_PAGES_MAX = 15
CB_GSM_PAGE = NL_ALERT_MAX // CB_PAGES_MAX
CB_UCS2_PAGE = 41
EXERCISE_MARK = "OEFENING"


@dataclass(frozen=True)
class CellBroadcast:
    """How a text fits in cell-broadcast pages."""

    #: Characters as the network counts them (an extension character counts two in GSM).
    length: int
    gsm7: bool
    #: The characters that force UCS-2, in the order they first appear.
    outside_gsm: str
    per_page: int
    pages: int

    @property
    def limit(self) -> int:
        return CB_PAGES_MAX * self.per_page

    @property
    def fits(self) -> bool:
        return self.length <= self.limit


def cell_broadcast(text: str) -> CellBroadcast:
    """Count `text` as a cell broadcast: GSM 7-bit when every character is in its alphabet
    (GSM 03.38, as `readability` counts an SMS), otherwise UCS-2."""
    outside = "".join(
        dict.fromkeys(c for c in text if c not in GSM7_BASIC and c not in GSM7_EXTENDED)
    )
    if outside:
        # UTF-16 code units: a character beyond the BMP (an emoji) takes two.
        length, per_page = len(text.encode("utf-16-le")) // 2, CB_UCS2_PAGE
    else:
        length = sum(2 if c in GSM7_EXTENDED else 1 for c in text)
        per_page = CB_GSM_PAGE
    return CellBroadcast(
        length=length,
        gsm7=not outside,
        outside_gsm=outside,
        per_page=per_page,
        pages=max(1, math.ceil(length / per_page)),
    )


def public_page_url(region: Region) -> str:
    """The region's public page, where a published warning of a real incident can be read."""
    return f"{settings.SITE_URL}/publiek/{region.code.lower()}/"


def more_info_url(message: Message) -> str:
    """Where a reader finds more: the public page, never for an exercise (it is not there)."""
    incident = message.incident
    if incident.is_exercise or not message.on_public_page:
        return ""
    return public_page_url(incident.region)


def nl_alert_text(message: Message) -> str:
    """The NL-Alert text as it would be broadcast (in Dutch): the moment, the headline, what
    happens, what to do, where to read more; an exercise starts with OEFENING."""
    with translation.override("nl"):
        return _nl_alert_text(message)


def _nl_alert_text(message: Message) -> str:
    moment = message.cap_sent or message.approved_at or timezone.now()
    lines = [EXERCISE_MARK] if message.incident.is_exercise else []
    lines.append(f"NL-Alert {date_format(timezone.localtime(moment), 'd-m-Y H:i')}")
    lines += [message.title.strip(), message.text.strip(), message.instruction.strip()]
    url = more_info_url(message)
    if url:
        lines.append(_("More information: %(url)s") % {"url": url})
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class SocialText:
    text: str
    #: False: the message has no text for social media of its own; this one is made from
    #: its headline and what to do.
    own: bool

    @property
    def length(self) -> int:
        return len(self.text)

    @property
    def fits(self) -> bool:
        return self.length <= SOCIAL_MAX


def social_text(message: Message) -> SocialText:
    """The message's text for social media, or one made from its headline, what to do and the
    public page when it has none; an exercise's starts with OEFENING."""
    mark = f"{EXERCISE_MARK}: " if message.incident.is_exercise else ""
    own = message.social_text.strip()
    if own:
        return SocialText(own if own.startswith(EXERCISE_MARK) else mark + own, own=True)
    url = more_info_url(message)
    words = " ".join(filter(None, [message.title.strip(), message.instruction.strip()]))
    room = SOCIAL_MAX - len(mark) - (len(url) + 1 if url else 0)
    if len(words) > room:
        words = words[: room - 1].rstrip() + "…"
    return SocialText(" ".join(filter(None, [mark + words, url])), own=False)


@transaction.atomic
def message_export_record(*, actor: User, message: Message, what: str) -> None:
    """The audit entry of an export (`what`: "CAP", "persbericht"); an exercise's says
    OEFENING."""
    incident = message.incident
    audit_record(
        actor=actor,
        action=AuditAction.MESSAGE_EXPORT,
        obj=message,
        region=incident.region,
        changes={"export": [None, what]},
        note=" — ".join(filter(None, [EXERCISE_MARK if incident.is_exercise else "", what])),
    )
