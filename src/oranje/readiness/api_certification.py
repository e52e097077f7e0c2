"""API of certification: the national list of training providers and their accreditations.
Everyone with a membership reads it; the national administrator keeps it."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.fields import empty
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from oranje.core import access as core_access
from oranje.core.fields import DayField, FreeTextField, IdField
from oranje.readiness import access
from oranje.readiness.constants import ProviderKind
from oranje.readiness.models import Accreditation, Provider
from oranje.readiness.services import certification


class ProviderField(IdField):
    """A provider on the national list, by its id."""

    def run_validation(self, data: Any = empty) -> Provider | None:
        # The id is checked as an id first (its bounds), then looked up.
        pk = super().run_validation(data)
        if pk is None:
            return None
        provider = Provider.objects.filter(pk=pk).first()
        if provider is None:
            raise serializers.ValidationError(str(certification.UNKNOWN_PROVIDER % {"value": pk}))
        return provider

    def to_representation(self, value: Any) -> Any:
        return value.pk if isinstance(value, Provider) else value


class AccreditationOut(serializers.ModelSerializer):
    class Meta:
        model = Accreditation
        fields = ["id", "provider", "code", "label", "valid_from", "valid_until"]


class AccreditationIn(serializers.Serializer):
    code = FreeTextField(max_length=40)
    # Shadows Field.label in the class body only; the serializer metaclass collects it.
    label = FreeTextField(max_length=150, required=False, allow_blank=True, default="")  # type: ignore[assignment]
    valid_from = DayField()
    valid_until = DayField(required=False, allow_null=True, default=None)


class ProviderOut(serializers.ModelSerializer):
    accreditations = AccreditationOut(many=True, read_only=True)

    class Meta:
        model = Provider
        fields = ["id", "name", "kind", "website", "note", "active", "accreditations"]


class ProviderIn(serializers.Serializer):
    name = FreeTextField(max_length=150)
    kind = serializers.ChoiceField(choices=ProviderKind.choices)
    website = serializers.URLField(max_length=200, required=False, allow_blank=True, default="")
    note = FreeTextField(max_length=255, required=False, allow_blank=True, default="")


class ProviderPatch(serializers.Serializer):
    name = FreeTextField(max_length=150, required=False)
    kind = serializers.ChoiceField(choices=ProviderKind.choices, required=False)
    website = serializers.URLField(max_length=200, required=False, allow_blank=True)
    note = FreeTextField(max_length=255, required=False, allow_blank=True)
    active = serializers.BooleanField(required=False)


class AccreditationPatch(serializers.Serializer):
    code = FreeTextField(max_length=40, required=False)
    label = FreeTextField(max_length=150, required=False, allow_blank=True)  # type: ignore[assignment]
    valid_from = DayField(required=False)
    valid_until = DayField(required=False, allow_null=True)


class ProviderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The national list of training institutes and providers, with their accreditations."""

    lookup_value_converter = "id"
    serializer_class = ProviderOut
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return access.providers_for_user(self.request.user).prefetch_related("accreditations")

    def get_object(self) -> Provider:
        return access.provider_for_user(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(request=ProviderIn, responses={201: ProviderOut})
    def create(self, request: Request) -> Response:
        """Add a provider to the list (national administrator)."""
        core_access.require(access.can_keep_providers(request.user))
        data_in = ProviderIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        provider = certification.provider_save(
            actor=core_access.authenticated(request.user), **data_in.validated_data
        )
        return Response(ProviderOut(provider).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ProviderPatch, responses={200: ProviderOut})
    def partial_update(self, request: Request, pk: int) -> Response:
        """Change a provider, or deactivate it (`active`: false) or make it active again."""
        provider = access.provider_for_user(request.user, pk, manage=True)
        data_in = ProviderPatch(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = dict(data_in.validated_data)
        actor = core_access.authenticated(request.user)
        active = data.pop("active", None)
        if data:
            provider = certification.provider_save(
                actor=actor,
                provider=provider,
                name=data.get("name", provider.name),
                kind=data.get("kind", provider.kind),
                website=data.get("website", provider.website),
                note=data.get("note", provider.note),
            )
        if active is not None:
            provider = certification.provider_set_active(
                actor=actor, provider=provider, active=active
            )
        return Response(ProviderOut(provider).data)

    @extend_schema(request=AccreditationIn, responses={201: AccreditationOut})
    @action(detail=True, methods=["post"])
    def accreditations(self, request: Request, pk: int) -> Response:
        """Accredit the provider for a course or exam code from a date, maybe until one."""
        provider = access.provider_for_user(request.user, pk, manage=True)
        data_in = AccreditationIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        accreditation = certification.accreditation_save(
            actor=core_access.authenticated(request.user),
            provider=provider,
            **data_in.validated_data,
        )
        return Response(AccreditationOut(accreditation).data, status=status.HTTP_201_CREATED)


class AccreditationViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One accreditation: read, change its code or period, remove one entered by mistake."""

    lookup_value_converter = "id"
    serializer_class = AccreditationOut
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return Accreditation.objects.filter(
            provider__in=access.providers_for_user(self.request.user)
        )

    def get_object(self) -> Accreditation:
        return access.accreditation_for_user(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(request=AccreditationPatch, responses={200: AccreditationOut})
    def partial_update(self, request: Request, pk: int) -> Response:
        accreditation = access.accreditation_for_user(request.user, pk, manage=True)
        data_in = AccreditationPatch(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = data_in.validated_data
        accreditation = certification.accreditation_save(
            actor=core_access.authenticated(request.user),
            provider=accreditation.provider,
            accreditation=accreditation,
            code=data.get("code", accreditation.code),
            label=data.get("label", accreditation.label),
            valid_from=data.get("valid_from", accreditation.valid_from),
            valid_until=data.get("valid_until", accreditation.valid_until),
        )
        return Response(AccreditationOut(accreditation).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: int) -> Response:
        accreditation = access.accreditation_for_user(request.user, pk, manage=True)
        certification.accreditation_delete(
            actor=core_access.authenticated(request.user), accreditation=accreditation
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


router = SimpleRouter(use_regex_path=False)
router.register("providers", ProviderViewSet, basename="provider")
router.register("accreditations", AccreditationViewSet, basename="accreditation")

urls: list[URLPattern] = list(router.urls)  # type: ignore[arg-type]
