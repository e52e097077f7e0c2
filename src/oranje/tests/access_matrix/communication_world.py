"""The communication room's objects in one scope of the matrix world, written directly (no
services): a draft public message, a published one, an approved warning, a signal, an
environment analysis, a Q&A item and the region's agreement on GRIP 1 public information."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from oranje.core.models import User
from oranje.incidents.models import Incident


def communication_objects(incident: Incident, author: User | None) -> dict[str, int | str]:
    from oranje.communication import models as comm

    now = timezone.now()

    def message(title: str, kind: str, status: str) -> comm.Message:
        m = comm.Message.objects.create(
            incident=incident,
            kind=kind,
            title=title,
            text="Er is brand in een loods. Houd ramen en deuren dicht.",
            instruction="Houd ramen en deuren dicht." if kind == "warning" else "",
            goal_inform=True,
            status=status,
            created_by=author,
            approved_at=now if status != "draft" else None,
            published_at=now if status == "published" else None,
            cap_sent=now if status != "draft" else None,
            area=[[52.46, 4.62], [52.47, 4.63], [52.46, 4.64], [52.46, 4.62]],
            area_desc="Velsen-Noord",
        )
        comm.MessageVersion.objects.create(
            message=m,
            number=1,
            title=m.title,
            text=m.text,
            instruction=m.instruction,
            changed_by=author,
            changed_by_name=str(author or "matrix"),
        )
        return m

    draft = message("Concept", "public", "draft")
    published = message("Brand in loods", "public", "published")
    warning = message("Ramen dicht", "warning", "approved")
    signal = comm.Signal.objects.create(
        incident=incident,
        source="phone",
        text="Is de rook giftig?",
        at=now - dt.timedelta(minutes=5),
        topic="rook",
        goal="limit_harm",
    )
    analysis = comm.Analysis.objects.create(
        incident=incident,
        period_start=now - dt.timedelta(hours=2),
        period_end=now,
        top_questions="Is de rook giftig?",
    )
    qa = comm.QAItem.objects.create(
        incident=incident, question="Is de rook giftig?", answer="Nee, wel hinderlijk."
    )
    comm.QAVersion.objects.create(
        item=qa, number=1, question=qa.question, answer=qa.answer, changed_by_name="matrix"
    )
    comm.Agreement.objects.get_or_create(
        region_id=incident.region_id,
        scope="grip1",
        kind="public",
        defaults={"communicator": "municipality"},
    )
    return {
        "message": draft.pk,
        "pubmessage": published.pk,
        "warning": warning.pk,
        "signal": signal.pk,
        "analysis": analysis.pk,
        "qa": qa.pk,
    }
