"""The damage and aftercare rooms' objects in one scope of the matrix world, written directly
(no services): a damage report with a photo and the incident's public form (open), a draft
transition document, an aftercare task, an IAC case with a contact, a follow-up and a
referral, and a draft newsletter. The nafase itself is not started (scaling lines need the
acute phase)."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from oranje.incidents.models import Incident


def damage_objects(incident: Incident) -> dict[str, int | str]:
    from oranje.damage import models as dm

    form = dm.PublicForm.objects.create(incident=incident, is_open=True, opened_at=timezone.now())
    report = dm.DamageReport.objects.create(
        incident=incident,
        reference=f"S-MTRX-{incident.pk:04d}",
        channel="phone",
        reporter_name="J. de Vries",
        reporter_phone="+31612345678",
        postcode="2011AB",
        house_number=12,
        kind="home",
        description="Ruiten gesprongen door de hitte.",
        unsafe=True,
        triage="urgent",
    )
    photo = dm.DamagePhoto(
        report=report, content_type="image/png", size=8, width=1, height=1, status="ready"
    )
    photo.file.save("matrix.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    photo.save()
    return {"dreport": report.pk, "dphoto": photo.pk, "dform": form.pk}


def aftercare_objects(incident: Incident) -> dict[str, int | str]:
    from oranje.aftercare import models as am

    doc = am.TransitionDocument.objects.create(
        incident=incident, number=1, summary="Brand geblust; 40 bewoners elders ondergebracht."
    )
    task = am.AftercareTask.objects.create(
        incident=incident,
        theme="housing",
        title="Vervangende woonruimte regelen",
        deadline=timezone.localdate() + dt.timedelta(days=14),
    )
    case = am.IacCase.objects.create(
        incident=incident,
        number=1,
        household_name="Fam. Jansen",
        phone="+31612345678",
        postcode="2011AB",
        house_number=14,
        limited_mobility=True,
        newsletter_consent=True,
    )
    am.IacContact.objects.create(case=case, kind="home_visit", summary="Huisbezoek afgelegd.")
    follow_up = am.IacFollowUp.objects.create(
        case=case, due_on=timezone.localdate() + dt.timedelta(days=3), text="Terugbellen"
    )
    question = am.IacQuestion.objects.create(case=case, theme="finance", text="Wie betaalt?")
    referral = am.IacReferral.objects.create(case=case, to="insurer", organisation="Achmea")
    newsletter = am.Newsletter.objects.create(
        incident=incident, subject="Stand van zaken", body="Beste bewoners, ..."
    )
    return {
        "transition": doc.pk,
        "atask": task.pk,
        "iaccase": case.pk,
        "followup": follow_up.pk,
        "question": question.pk,
        "referral": referral.pk,
        "newsletter": newsletter.pk,
    }
