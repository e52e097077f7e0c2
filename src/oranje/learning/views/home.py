"""The learning room's front page: its parts, each with what is new or open."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from oranje.learning import access, nav


@login_required
def home(request: HttpRequest) -> HttpResponse:
    access.require_member(request.user)
    return render(request, "learning/home.html", nav.context(request, "home"))
