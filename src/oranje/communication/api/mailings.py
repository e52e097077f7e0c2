"""API: sending a published message by mail or SMS to the registered affected persons who
consented (counts only). GET gives the consenting recipients per channel and the message's
mailings with their counts; POST sends on one channel (once per channel)."""

from __future__ import annotations

from django.urls import URLPattern, path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from oranje.communication.access import message_by_id_for_user
from oranje.communication.constants import MailChannel
from oranje.communication.services import mailings as service


class MailingIn(serializers.Serializer):
    channel = serializers.ChoiceField(choices=MailChannel.choices, help_text="mail or sms")


class MailingOut(serializers.Serializer):
    """A mailing with its items counted by state."""

    id = serializers.IntegerField(source="mailing.pk")
    message = serializers.IntegerField(source="mailing.message_id")
    channel = serializers.ChoiceField(choices=MailChannel.choices, source="mailing.channel")
    created_at = serializers.DateTimeField(source="mailing.created_at")
    is_exercise = serializers.BooleanField(
        source="mailing.is_exercise", help_text="An exercise's mailing is sent to nobody."
    )
    total = serializers.IntegerField()
    queued = serializers.IntegerField(help_text="Waiting or being sent.")
    sent = serializers.IntegerField()
    failed = serializers.IntegerField()
    not_sent = serializers.IntegerField(
        source="skipped", help_text="Not sent on purpose: an exercise, or consent withdrawn."
    )
    busy = serializers.BooleanField()

    def to_representation(self, instance: service.MailingCounts) -> dict[str, object]:
        data = super().to_representation(instance)
        data["queued"] = instance.queued + instance.sending
        return data


class RecipientsOut(serializers.Serializer):
    mail = serializers.IntegerField(help_text="Consenting persons with an e-mail address.")
    sms = serializers.IntegerField(help_text="Consenting persons with a mobile number.")


class MailingsOut(serializers.Serializer):
    recipients = RecipientsOut()
    mailings = MailingOut(many=True)


@extend_schema(methods=["GET"], responses=MailingsOut)
@extend_schema(methods=["POST"], request=MailingIn, responses={201: MailingOut})
@api_view(["GET", "POST"])
def message_mailings(request: Request, pk: int) -> Response:
    """The consenting recipients per channel and the message's mailings (counts); POST sends
    the published message on one channel to everyone who consented."""
    message = message_by_id_for_user(request.user, pk, write=request.method == "POST")
    if request.method == "POST":
        s = MailingIn(data=request.data)
        s.is_valid(raise_exception=True)
        mailing = service.mailing_create(
            message=message, channel=s.validated_data["channel"], actor=request.user
        )
        (counted,) = [m for m in service.message_mailings(message) if m.mailing.pk == mailing.pk]
        return Response(MailingOut(counted).data, status=status.HTTP_201_CREATED)
    return Response(
        MailingsOut(
            {
                "recipients": service.recipient_counts(message.incident),
                "mailings": service.message_mailings(message),
            }
        ).data
    )


urls: list[URLPattern] = [
    path(
        "communication/messages/<id:pk>/mailings/",
        message_mailings,
        name="api-communication-message-mailings",
    ),
]
