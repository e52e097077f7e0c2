"""API: the newsletters to the affected households that consented — list and write a draft,
read and change a draft, send it (once). The same doors as the pages: the IAC (the aftercare
role of the region and the head of the aftercare) only; others who see the incident get 403,
the rest 404. Counts only: no household's name or address leaves through here."""

from __future__ import annotations

from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.aftercare.access import aftercare_incident_for_user, newsletter_by_id_for_user
from oranje.aftercare.constants import BODY_MAX, TITLE_MAX, NewsletterStatus
from oranje.aftercare.models import Newsletter
from oranje.aftercare.selectors_newsletters import (
    Delivery,
    delivery,
    newsletter_list,
    recipient_counts,
)
from oranje.aftercare.services import newsletters as services
from oranje.core.fields import FreeTextField


class NewsletterIn(serializers.Serializer):
    subject = FreeTextField(max_length=TITLE_MAX)
    body = FreeTextField(max_length=BODY_MAX)


class NewsletterCountsOut(serializers.Serializer):
    """The households by delivery state (all zero for a draft)."""

    queued = serializers.IntegerField(help_text="Waiting or being sent.")
    sent = serializers.IntegerField()
    failed = serializers.IntegerField()
    not_sent = serializers.IntegerField(
        help_text="Not sent on purpose: an exercise, or consent withdrawn since."
    )
    letter = serializers.IntegerField(help_text="Printed letters (PDF).")
    total = serializers.IntegerField()
    busy = serializers.BooleanField()


class NewsletterOut(serializers.Serializer):
    id = serializers.IntegerField(source="newsletter.pk")
    incident = serializers.IntegerField(source="newsletter.incident_id")
    is_exercise = serializers.BooleanField(
        source="newsletter.incident.is_exercise",
        help_text="An exercise's newsletter is sent to nobody.",
    )
    subject = serializers.CharField(source="newsletter.subject")
    body = serializers.CharField(source="newsletter.body")
    status = serializers.ChoiceField(choices=NewsletterStatus.choices, source="newsletter.status")
    created_at = serializers.DateTimeField(source="newsletter.created_at")
    sent_at = serializers.DateTimeField(source="newsletter.sent_at", allow_null=True)
    counts = serializers.SerializerMethodField()

    @extend_schema_field(NewsletterCountsOut)
    def get_counts(self, d: Delivery) -> dict[str, object]:
        return {
            "queued": d.queued + d.sending,
            "sent": d.sent,
            "failed": d.failed,
            "not_sent": d.not_sent,
            "letter": d.letter,
            "total": d.total,
            "busy": d.busy,
        }


class NewsletterRecipientsOut(serializers.Serializer):
    mail = serializers.IntegerField(help_text="Households that want it, with an e-mail address.")
    letter = serializers.IntegerField(help_text="Without e-mail, with a postal address.")
    unreachable = serializers.IntegerField(help_text="Neither e-mail nor postal address.")


class NewslettersOut(serializers.Serializer):
    recipients = NewsletterRecipientsOut()
    newsletters = NewsletterOut(many=True)


class NewsletterSentOut(serializers.Serializer):
    newsletter = NewsletterOut()
    mail = serializers.IntegerField()
    letter = serializers.IntegerField()
    unreachable = serializers.IntegerField()
    exercise = serializers.BooleanField()


def _out(newsletter: Newsletter) -> dict[str, object]:
    return dict(NewsletterOut(delivery(newsletter)).data)


@extend_schema(methods=["GET"], responses=NewslettersOut)
@extend_schema(methods=["POST"], request=NewsletterIn, responses={201: NewsletterOut})
@api_view(["GET", "POST"])
def incident_newsletters(request: Request, pk: int) -> Response:
    """The households that would receive a newsletter now (per channel) and the incident's
    newsletters; POST writes a draft."""
    incident = aftercare_incident_for_user(request.user, pk, iac=True)
    if request.method == "POST":
        s = NewsletterIn(data=request.data)
        s.is_valid(raise_exception=True)
        newsletter = services.newsletter_save(
            actor=request.user,
            incident=incident,
            subject=s.validated_data["subject"],
            body=s.validated_data["body"],
        )
        return Response(_out(newsletter), status=status.HTTP_201_CREATED)
    counts = recipient_counts(incident)
    return Response(
        NewslettersOut(
            {
                "recipients": {
                    "mail": counts.mail,
                    "letter": counts.letter,
                    "unreachable": counts.unreachable,
                },
                "newsletters": newsletter_list(incident),
            }
        ).data
    )


@extend_schema(methods=["GET"], responses=NewsletterOut)
@extend_schema(methods=["PATCH"], request=NewsletterIn(partial=True), responses=NewsletterOut)
@api_view(["GET", "PATCH"])
def newsletter_detail(request: Request, pk: int) -> Response:
    """A newsletter with its delivery counts; PATCH changes a draft's subject or text."""
    newsletter = newsletter_by_id_for_user(request.user, pk)
    if request.method == "PATCH":
        s = NewsletterIn(data=request.data, partial=True)
        s.is_valid(raise_exception=True)
        newsletter = services.newsletter_save(
            actor=request.user,
            incident=newsletter.incident,
            subject=s.validated_data.get("subject", newsletter.subject),
            body=s.validated_data.get("body", newsletter.body),
            newsletter=newsletter,
        )
    return Response(_out(newsletter))


@extend_schema(request=None, responses=NewsletterSentOut)
@api_view(["POST"])
def newsletter_send(request: Request, pk: int) -> Response:
    """Send the draft to every household that wants it, once (an exercise's: to nobody)."""
    newsletter = newsletter_by_id_for_user(request.user, pk)
    sent = services.newsletter_send(actor=request.user, newsletter=newsletter)
    return Response(
        NewsletterSentOut(
            {
                "newsletter": delivery(sent.newsletter),
                "mail": sent.mail,
                "letter": sent.letter,
                "unreachable": sent.unreachable,
                "exercise": sent.exercise,
            }
        ).data
    )


urls: list[URLPattern] = [
    path(
        "incidents/<id:pk>/aftercare/newsletters/",
        incident_newsletters,
        name="api-aftercare-incident-newsletters",
    ),
    path(
        "aftercare/newsletters/<id:pk>/",
        newsletter_detail,
        name="api-aftercare-newsletter",
    ),
    path(
        "aftercare/newsletters/<id:pk>/send/",
        newsletter_send,
        name="api-aftercare-newsletter-send",
    ),
]
