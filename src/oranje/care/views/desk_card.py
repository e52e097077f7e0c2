"""The household card: a PDF for a label printer (62 × 100 mm) and an HTML print view, both
with the QR code of the card's payload and the code in large type."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from oranje.care.cards import card_of, card_pdf
from oranje.care.views.desk import _BASE, desk_household, desk_shelter, guests_read, no_store


@login_required
@no_store
def card(request: HttpRequest, pk: int, shelter_pk: int, household_pk: int) -> HttpResponse:
    shelter = desk_shelter(request, pk, shelter_pk)
    household = desk_household(request, shelter, household_pk)
    guests_read(request, shelter, "card", household)
    return render(
        request,
        "care/desk_card.html",
        {"card": card_of(household, shelter), "shelter": shelter, "household": household},
    )


@login_required
@no_store
def card_as_pdf(request: HttpRequest, pk: int, shelter_pk: int, household_pk: int) -> HttpResponse:
    shelter = desk_shelter(request, pk, shelter_pk)
    household = desk_household(request, shelter, household_pk)
    guests_read(request, shelter, "card pdf", household)
    response = HttpResponse(card_pdf(card_of(household, shelter)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="huishoudkaart-{household.code}.pdf"'
    return response


urls: list[URLPattern] = [
    path(f"{_BASE}huishoudens/<id:household_pk>/kaart/", card, name="desk_card"),
    path(f"{_BASE}huishoudens/<id:household_pk>/kaart.pdf", card_as_pdf, name="desk_card_pdf"),
]
