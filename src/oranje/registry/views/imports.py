"""Registry pages: list imports. Upload a list and choose its sender, map its columns, see
what the import did (or every bad row, with nothing imported)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oranje.core.forms import InputForm
from oranje.incidents.views import incident_context
from oranje.registry import listrows, services
from oranje.registry.access import registry_incident_for_user, registry_user
from oranje.registry.constants import SenderKind
from oranje.registry.models import ImportBatch, Sender
from oranje.registry.services.imports import UPLOAD_MAX, senders_for, upload_for_user

#: How many earlier imports the upload page lists.
RECENT = 20


class UploadForm(InputForm):
    sender = forms.TypedChoiceField(
        label=gettext_lazy("Sender"), coerce=int, required=False, empty_value=None
    )
    new_sender = forms.CharField(
        label=gettext_lazy("Or a new sender"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("The hospital, police unit or shelter that sent the list."),
    )
    new_sender_kind = forms.ChoiceField(
        label=gettext_lazy("Kind of the new sender"),
        choices=SenderKind.choices,
        initial=SenderKind.HOSPITAL,
        required=False,
    )
    file = forms.FileField(
        label=gettext_lazy("List"),
        help_text=gettext_lazy(
            "CSV (comma or semicolon) or .xlsx, the first row the column names."
        ),
    )

    def __init__(self, *args: Any, senders: list[Sender], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.senders = {s.pk: s for s in senders}
        choice_field = self.fields["sender"]
        assert isinstance(choice_field, forms.TypedChoiceField)
        choice_field.choices = [("", "—")] + [
            (s.pk, f"{s.name} ({s.get_kind_display()})") for s in senders
        ]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload is not None and upload.size > UPLOAD_MAX:
            raise ValidationError(_("file: larger than 10 MB."))
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        chosen, new = cleaned.get("sender"), (cleaned.get("new_sender") or "").strip()
        if chosen and new:
            raise ValidationError(_("Choose a sender or give a new one, not both."))
        if not chosen and not new:
            raise ValidationError(_("Choose the sender of the list, or give a new one."))
        return cleaned


class MappingForm(InputForm):
    """One select per Oranje field, its options the file's column names."""

    def __init__(self, *args: Any, headers: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [("", _("— not in the list —"))] + [(h, h) for h in dict.fromkeys(headers) if h]
        for f in listrows.FIELDS:
            self.fields[f.name] = forms.ChoiceField(
                label=str(f.label), choices=options, required=False
            )

    def mapping(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if value}


@login_required
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    user = registry_user(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, senders=senders_for(incident))
    if request.method == "POST" and form.is_valid():
        try:
            sender = form.senders.get(form.cleaned_data["sender"] or 0)
            if sender is None:
                sender = services.sender_create(
                    incident=incident,
                    actor=user,
                    name=form.cleaned_data["new_sender"],
                    kind=form.cleaned_data["new_sender_kind"] or SenderKind.OTHER,
                )
            file = form.cleaned_data["file"]
            upload = services.upload_store(
                incident=incident,
                actor=user,
                sender=sender,
                file_name=file.name or "lijst",
                data=file.read(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages[0])
        else:
            return redirect("registry:import_map", incident.pk, upload.token)
    batches = (
        ImportBatch.objects.filter(incident=incident)
        .select_related("sender", "imported_by")
        .order_by("-imported_at")[:RECENT]
    )
    return render(
        request,
        "registry/imports_upload.html",
        {**incident_context(request, incident, "registry"), "form": form, "batches": batches},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def import_map(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    user = registry_user(request.user)
    upload = upload_for_user(user, incident, token)
    headers = list(upload.headers)
    initial = listrows.guess_mapping(headers, upload.sender.mapping)
    form = MappingForm(request.POST or None, headers=headers, initial=initial)
    result = None
    file_error = ""
    if request.method == "POST" and form.is_valid():
        try:
            result = services.list_import(
                incident=incident,
                actor=user,
                sender=upload.sender,
                file_name=upload.file_name,
                data=bytes(upload.data),
                mapping=form.mapping(),
                upload=upload,
            )
        except ValidationError as exc:
            file_error = exc.messages[0]
        else:
            if result.ok and result.batch is not None:
                messages.success(
                    request,
                    _(
                        "List imported: %(created)s new, %(updated)s updated, "
                        "%(unchanged)s unchanged."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                )
                return redirect("registry:import_batch", incident.pk, result.batch.pk)
    return render(
        request,
        "registry/imports_map.html",
        {
            **incident_context(request, incident, "registry"),
            "form": form,
            "upload": upload,
            "remembered": bool(upload.sender.mapping),
            "problems": result.problems if result else [],
            "file_error": file_error,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def import_batch(request: HttpRequest, pk: int, batch: int) -> HttpResponse:
    incident = registry_incident_for_user(request.user, pk)
    found = (
        ImportBatch.objects.select_related("sender", "imported_by")
        .filter(pk=batch, incident=incident)
        .first()
    )
    if found is None:
        raise Http404
    return render(
        request,
        "registry/imports_batch.html",
        {**incident_context(request, incident, "registry"), "batch": found},
    )


urls: list[URLPattern] = [
    path("incidenten/<id:pk>/registratie/import/", import_upload, name="import_upload"),
    path(
        "incidenten/<id:pk>/registratie/import/koppelen/<str:token>/",
        import_map,
        name="import_map",
    ),
    path("incidenten/<id:pk>/registratie/import/<id:batch>/", import_batch, name="import_batch"),
]
