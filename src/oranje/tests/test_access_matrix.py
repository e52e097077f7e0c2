"""The access matrix: every page and API endpoint × every role × whose object it is.

One table, `MATRIX` below, says what each role gets back. Read a line as: "<method> <path>
on an object of <scope>: anonymous gets 302, a viewer 200, ...".

Roles (columns), each a membership in Kennemerland (VR12) unless said otherwise:

    anon  not logged in                     reg   coordinator of the region
    view  viewer                            regi  registry officer
    func  functionary (no alert)            comm  communication
    lead  functionary alerted as OvD-BZ     qual  quality monitor
          for the Haarlem incident          radm  administrator of the region
    mun   coordinator of Haarlem            nadm  national administrator

Scopes (whose object the path points at):

    own   Haarlem's (the municipal coordinator's own municipality) in VR12
    mun   another municipality of the same region (Velsen)
    reg   another region (Utrecht, VR09)
    -     not tied to an object (lists, the user's own pages, links that are their own key)

Statuses: 200/201/204 done, 302 to the login page (or on after a done form), 400 allowed
but the (deliberately empty) input is refused, 403 may see but not do, 404 may not see (the
object's existence is not revealed), 405 method not offered.

Every write is sent with an empty body (or the query string as its body: "?step=approve" is
the button), inside a transaction that is rolled back: the matrix tests who gets through the
door, not what the form then says. An API create answers 400 to everyone: its body names the
region or person it is for, so the body is read before the door (a valid body from someone
who may not write there gets 403 or 404 from the service). The world is built
once per module. `ORANJE_MATRIX_PRINT=1 pytest -s …` prints the table as it is now.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone

from oranje.alerting import services as alerting_services
from oranje.alerting.constants import Step
from oranje.alerting.models import Alert, AlertRule, FunctionCall
from oranje.core.constants import Role
from oranje.core.models import Membership, Municipality, Region, User
from oranje.incidents.constants import EntryKind, IncidentType, Team
from oranje.incidents.models import (
    Action,
    ChecklistItem,
    Decision,
    Incident,
    LogEntry,
    SituationReport,
)
from oranje.organisation.constants import OnCallKind, PoolKind, UnavailabilityReason
from oranje.organisation.models import (
    District,
    Function,
    OnCallShift,
    Person,
    Pool,
    Unavailability,
)
from oranje.readiness import services as readiness_services
from oranje.readiness.constants import ActivityKind, ExerciseType, ParticipantRole
from oranje.readiness.models import (
    Activity,
    AlarmRecipient,
    AlarmTest,
    Exercise,
    ExerciseParticipant,
)

# The mark makes pytest-django set up the test database; each test then runs in a savepoint
# inside the module's transaction.
pytestmark = pytest.mark.django_db

ROLES = ["anon", "view", "func", "lead", "mun", "reg", "regi", "comm", "qual", "radm", "nadm"]

MATRIX = """
method path                                                             scope anon view func lead mun  reg  regi comm qual radm nadm
# core and organisation
GET    /                                                                -     302  302  302  302  302  302  302  302  302  302  302
GET    /inloggen/                                                       -     200  200  200  200  200  200  200  200  200  200  200
POST   /uitloggen/                                                      -     302  302  302  302  302  302  302  302  302  302  302
GET    /inloggen/tweede-stap/                                           -     302  302  302  302  302  302  302  302  302  302  302
POST   /inloggen/tweede-stap/                                           -     302  302  302  302  302  302  302  302  302  302  302
GET    /account/tweestapsverificatie/                                   -     302  200  200  200  200  200  200  200  200  200  200
POST   /account/tweestapsverificatie/                                   -     302  200  200  200  200  200  200  200  200  200  200
GET    /account/tweestapsverificatie/instellen/                         -     302  302  302  302  302  302  302  302  302  302  302
POST   /account/tweestapsverificatie/instellen/                         -     302  302  302  302  302  302  302  302  302  302  302
POST   /regio/kies/?region=VR12                                         -     302  302  302  302  302  302  302  302  302  302  302
POST   /regio/kies/?region=VR09                                         -     302  404  404  404  404  404  404  404  404  404  302
GET    /gemeenten/                                                      -     302  200  200  200  200  200  200  200  200  200  200
GET    /audit/                                                          -     302  404  404  404  200  200  404  404  404  200  200
GET    /toegankelijkheid/                                               -     200  200  200  200  200  200  200  200  200  200  200
GET    /piket/nu/                                                       -     302  200  200  200  200  200  200  200  200  200  200
GET    /piket/gaten/                                                    -     302  200  200  200  200  200  200  200  200  200  200
GET    /rooster/                                                        -     302  200  200  200  200  200  200  200  200  200  200
GET    /rooster/dienst/nieuw/                                           -     302  403  403  403  200  200  403  403  403  200  200
POST   /rooster/dienst/nieuw/                                           -     302  403  403  403  200  200  403  403  403  200  200
GET    /rooster/dienst/personen/?pool={pool}                            own   302  200  200  200  200  200  200  200  200  200  200
GET    /rooster/dienst/personen/?pool={pool}                            mun   302  200  200  200  200  200  200  200  200  200  200
GET    /rooster/dienst/personen/?pool={pool}                            reg   302  200  200  200  200  200  200  200  200  200  200
GET    /rooster/dienst/{shift}/                                         own   302  200  200  200  200  200  200  200  200  200  200
GET    /rooster/dienst/{shift}/                                         mun   302  200  200  200  200  200  200  200  200  200  200
GET    /rooster/dienst/{shift}/                                         reg   302  404  404  404  404  404  404  404  404  404  200
POST   /rooster/dienst/{shift}/                                         own   302  403  403  403  200  200  403  403  403  200  200
POST   /rooster/dienst/{shift}/                                         mun   302  403  403  403  403  200  403  403  403  200  200
POST   /rooster/dienst/{shift}/                                         reg   302  404  404  404  404  404  404  404  404  404  200
POST   /rooster/dienst/{shift}/verwijderen/                             own   302  403  403  403  302  302  403  403  403  302  302
POST   /rooster/dienst/{shift}/verwijderen/                             mun   302  403  403  403  403  302  403  403  403  302  302
POST   /rooster/dienst/{shift}/verwijderen/                             reg   302  404  404  404  404  404  404  404  404  404  302
GET    /rooster/patroon/                                                -     302  403  403  403  200  200  403  403  403  200  200
POST   /rooster/patroon/                                                -     302  403  403  403  200  200  403  403  403  200  200
GET    /rooster/import/                                                 -     302  403  403  403  200  200  403  403  403  200  200
POST   /rooster/import/                                                 -     302  403  403  403  200  200  403  403  403  200  200
GET    /mensen/                                                         -     302  200  200  200  200  200  200  200  200  200  200
GET    /mensen/nieuw/                                                   -     302  403  403  403  200  200  403  403  403  200  200
POST   /mensen/nieuw/                                                   -     302  403  403  403  200  200  403  403  403  200  200
GET    /mensen/{person}/                                                own   302  200  200  200  200  200  200  200  200  200  200
GET    /mensen/{person}/                                                mun   302  200  200  200  200  200  200  200  200  200  200
GET    /mensen/{person}/                                                reg   302  404  404  404  404  404  404  404  404  404  200
GET    /mensen/{person}/wijzigen/                                       own   302  403  403  403  200  200  403  403  403  200  200
GET    /mensen/{person}/wijzigen/                                       mun   302  403  403  403  403  200  403  403  403  200  200
GET    /mensen/{person}/wijzigen/                                       reg   302  404  404  404  404  404  404  404  404  404  200
POST   /mensen/{person}/wijzigen/                                       own   302  403  403  403  200  200  403  403  403  200  200
POST   /mensen/{person}/wijzigen/                                       mun   302  403  403  403  403  200  403  403  403  200  200
POST   /mensen/{person}/wijzigen/                                       reg   302  404  404  404  404  404  404  404  404  404  200
POST   /afwezigheid/{unavailability}/intrekken/                         own   302  403  403  403  302  302  403  403  403  302  302
POST   /afwezigheid/{unavailability}/intrekken/                         mun   302  403  403  403  403  302  403  403  403  302  302
POST   /afwezigheid/{unavailability}/intrekken/                         reg   302  404  404  404  404  404  404  404  404  404  302
GET    /pools/                                                          -     302  200  200  200  200  200  200  200  200  200  200
GET    /pools/nieuw/                                                    -     302  403  403  403  200  200  403  403  403  200  200
POST   /pools/nieuw/                                                    -     302  403  403  403  200  200  403  403  403  200  200
GET    /pools/{pool}/                                                   own   302  200  200  200  200  200  200  200  200  200  200
GET    /pools/{pool}/                                                   mun   302  200  200  200  200  200  200  200  200  200  200
GET    /pools/{pool}/                                                   reg   302  404  404  404  404  404  404  404  404  404  200
GET    /pools/{pool}/wijzigen/                                          own   302  403  403  403  200  200  403  403  403  200  200
GET    /pools/{pool}/wijzigen/                                          mun   302  403  403  403  403  200  403  403  403  200  200
GET    /pools/{pool}/wijzigen/                                          reg   302  404  404  404  404  404  404  404  404  404  200
POST   /pools/{pool}/wijzigen/                                          own   302  403  403  403  200  200  403  403  403  200  200
POST   /pools/{pool}/wijzigen/                                          mun   302  403  403  403  403  200  403  403  403  200  200
POST   /pools/{pool}/wijzigen/                                          reg   302  404  404  404  404  404  404  404  404  404  200
GET    /districten/nieuw/                                               -     302  403  403  403  403  200  403  403  403  200  200
POST   /districten/nieuw/                                               -     302  403  403  403  403  200  403  403  403  200  200
GET    /districten/{district}/wijzigen/                                 own   302  403  403  403  403  200  403  403  403  200  200
GET    /districten/{district}/wijzigen/                                 reg   302  404  404  404  404  404  404  404  404  404  200
POST   /districten/{district}/wijzigen/                                 own   302  403  403  403  403  200  403  403  403  200  200
POST   /districten/{district}/wijzigen/                                 reg   302  404  404  404  404  404  404  404  404  404  200
GET    /functies/                                                       -     302  200  200  200  200  200  200  200  200  200  200
GET    /functies/{function}/wijzigen/                                   -     302  403  403  403  403  200  403  403  403  200  200
POST   /functies/{function}/wijzigen/                                   -     302  403  403  403  403  200  403  403  403  200  200
GET    /mijn-diensten/                                                  -     302  200  200  200  200  200  200  200  200  200  200
POST   /mijn-diensten/                                                  -     302  200  302  302  200  200  200  200  200  200  200
GET    /agenda/{token:calendar}.ics                                     -     200  200  200  200  200  200  200  200  200  200  200
# readiness
GET    /vakbekwaamheid/                                                 -     302  200  200  200  200  200  200  200  200  200  200
GET    /vakbekwaamheid/landelijk/                                       -     302  200  200  200  200  200  200  200  200  200  200
GET    /vakbekwaamheid/activiteit/nieuw/                                -     302  403  403  403  200  200  403  403  403  200  200
POST   /vakbekwaamheid/activiteit/nieuw/                                -     302  403  403  403  200  200  403  403  403  200  200
POST   /vakbekwaamheid/activiteit/{activity}/verwijderen/               own   302  403  403  403  302  302  403  403  403  302  302
POST   /vakbekwaamheid/activiteit/{activity}/verwijderen/               mun   302  403  403  403  403  302  403  403  403  302  302
POST   /vakbekwaamheid/activiteit/{activity}/verwijderen/               reg   302  404  404  404  404  404  404  404  404  404  302
GET    /vakbekwaamheid/import/                                          -     302  403  403  403  200  200  403  403  403  200  200
POST   /vakbekwaamheid/import/                                          -     302  403  403  403  200  200  403  403  403  200  200
GET    /vakbekwaamheid/profielen/                                       -     302  200  200  200  200  200  200  200  200  200  200
GET    /vakbekwaamheid/profielen/OVD-BZ/regio/                          -     302  403  403  403  403  200  403  403  403  200  200
POST   /vakbekwaamheid/profielen/OVD-BZ/regio/                          -     302  403  403  403  403  200  403  403  403  200  200
GET    /vakbekwaamheid/profielen/OVD-BZ/landelijk/                      -     302  403  403  403  403  403  403  403  403  403  200
POST   /vakbekwaamheid/profielen/OVD-BZ/landelijk/                      -     302  403  403  403  403  403  403  403  403  403  200
GET    /mensen/{person}/paspoort/                                       own   302  200  200  200  200  200  200  200  200  200  200
GET    /mensen/{person}/paspoort/                                       mun   302  200  200  200  200  200  200  200  200  200  200
GET    /mensen/{person}/paspoort/                                       reg   302  404  404  404  404  404  404  404  404  404  200
GET    /oefeningen/                                                     -     302  200  200  200  200  200  200  200  200  200  200
GET    /oefeningen/nieuw/                                               -     302  403  403  403  200  200  403  403  403  200  200
POST   /oefeningen/nieuw/                                               -     302  403  403  403  200  200  403  403  403  200  200
GET    /oefeningen/{exercise}/                                          own   302  200  200  200  200  200  200  200  200  200  200
GET    /oefeningen/{exercise}/                                          mun   302  200  200  200  200  200  200  200  200  200  200
GET    /oefeningen/{exercise}/                                          reg   302  404  404  404  404  404  404  404  404  404  200
POST   /oefeningen/{exercise}/                                          own   302  403  403  403  302  302  403  403  403  302  302
POST   /oefeningen/{exercise}/                                          mun   302  403  403  403  403  302  403  403  403  302  302
POST   /oefeningen/{exercise}/                                          reg   302  404  404  404  404  404  404  404  404  404  302
GET    /alarmtest/                                                      -     302  200  200  200  200  200  200  200  200  200  200
POST   /alarmtest/                                                      -     302  403  403  403  403  200  403  403  403  200  200
GET    /alarmtest/{alarmtest}/                                          own   302  200  200  200  200  200  200  200  200  200  200
GET    /alarmtest/{alarmtest}/                                          reg   302  404  404  404  404  404  404  404  404  404  200
GET    /alarm/{token:alarm}/                                            -     200  200  200  200  200  200  200  200  200  200  200
# incidents and alerting
GET    /incidenten/                                                     -     302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/nieuw/                                               -     302  403  200  200  200  200  200  200  403  200  200
POST   /incidenten/nieuw/                                               -     302  403  200  200  200  200  200  200  403  200  200
GET    /incidenten/{incident}/                                          own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/                                          mun   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/                                          reg   302  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/logboek/nieuw/                            own   302  403  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/logboek/nieuw/                            mun   302  403  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/logboek/nieuw/                            reg   302  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/logboek/nieuwer/                          own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/logboek/nieuwer/                          reg   302  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/logboek/{entry}/bijlage/                  own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/logboek/{entry}/bijlage/                  reg   302  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/opschalen/                                own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opschalen/                                reg   302  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opschalen/                                own   302  403  403  200  200  200  403  403  403  200  200
POST   /incidenten/{incident}/opschalen/                                mun   302  403  403  403  403  200  403  403  403  200  200
POST   /incidenten/{incident}/opschalen/                                reg   302  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/afsluiten/                                own   302  403  403  200  200  200  403  403  403  200  200
GET    /incidenten/{incident}/afsluiten/                                mun   302  403  403  403  403  200  403  403  403  200  200
GET    /incidenten/{incident}/afsluiten/                                reg   302  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/afsluiten/                                own   302  403  403  200  200  200  403  403  403  200  200
POST   /incidenten/{incident}/afsluiten/                                mun   302  403  403  403  403  200  403  403  403  200  200
POST   /incidenten/{incident}/afsluiten/                                reg   302  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/opkomst/                                  own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/opkomst/                                  reg   302  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/opkomst/                                  own   302  403  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/opkomst/                                  reg   302  404  404  404  404  404  404  404  404  404  302
GET    /incidenten/{incident}/besluiten/                                own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/besluiten/                                reg   302  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/besluiten/                                own   302  403  400  400  400  400  400  400  403  400  400
POST   /incidenten/{incident}/besluiten/                                reg   302  404  404  404  404  404  404  404  404  404  400
POST   /incidenten/{incident}/acties/{action}/status/                   own   302  403  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/acties/{action}/status/                   reg   302  404  404  404  404  404  404  404  404  404  302
GET    /incidenten/{incident}/checklists/                               own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/checklists/                               reg   302  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/checklists/{item}/afvinken/               own   302  403  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/checklists/{item}/afvinken/               reg   302  404  404  404  404  404  404  404  404  404  302
GET    /incidenten/{incident}/situatierapport/                          own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/situatierapport/                          reg   302  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/situatierapport/                          own   302  403  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/situatierapport/                          reg   302  404  404  404  404  404  404  404  404  404  302
GET    /incidenten/{incident}/situatierapport/{report}/                 own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/situatierapport/{report}/                 reg   302  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/situatierapport/{report}/                 own   302  403  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/situatierapport/{report}/?step=approve    own   302  403  403  302  302  302  403  403  403  302  302
POST   /incidenten/{incident}/situatierapport/{report}/?step=approve    mun   302  403  403  403  403  302  403  403  403  302  302
GET    /incidenten/{incident}/situatierapport/{report}.pdf              own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/situatierapport/{report}.pdf              reg   302  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/situatierapport/{report}.json             own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/situatierapport/{report}.json             reg   302  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/aflossing/                                own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/aflossing/                                reg   302  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/aflossing/                                own   302  403  200  200  200  200  200  200  403  200  200
POST   /incidenten/{incident}/aflossing/                                reg   302  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/alarmering/                               own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/alarmering/                               reg   302  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/alarmering/                               own   302  403  200  200  200  200  200  200  403  200  200
POST   /incidenten/{incident}/alarmering/                               reg   302  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/alarmering/bord/                          own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/alarmering/bord/                          reg   302  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/alarmering/{alert}/                       own   302  403  302  302  302  302  302  302  403  302  302
POST   /incidenten/{incident}/alarmering/{alert}/                       reg   302  404  404  404  404  404  404  404  404  404  302
GET    /incidenten/{incident}/tijden/                                   own   302  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/tijden/                                   reg   302  404  404  404  404  404  404  404  404  404  200
GET    /checklists/OVD-BZ/wijzigen/                                     -     302  403  403  403  403  200  403  403  403  200  200
POST   /checklists/OVD-BZ/wijzigen/                                     -     302  403  403  403  403  200  403  403  403  200  200
GET    /alarmregels/                                                    -     302  200  200  200  200  200  200  200  200  200  200
POST   /alarmregels/                                                    -     302  403  403  403  403  200  403  403  403  200  200
GET    /mijn-alarmeringen/                                              -     302  200  200  200  200  200  200  200  200  200  200
POST   /mijn-alarmeringen/                                              -     302  404  404  404  404  404  404  404  404  404  404
POST   /mijn-alarmeringen/?alert={leadalert}&what=declined              -     302  404  404  302  404  404  404  404  404  404  404
GET    /alarmering/{token:answer}/                                      -     200  200  200  200  200  200  200  200  200  200  200
GET    /aankomst/{token:arrival}/                                       -     200  200  200  200  200  200  200  200  200  200  200
# API: core, organisation and readiness
GET    /api/                                                            -     200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/                                                         -     403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/schema/                                                  -     200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/docs/                                                    -     200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/redoc/                                                   -     200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/regions/                                                 -     403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/regions/{region}/                                        own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/regions/{region}/                                        reg   403  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/municipalities/                                          -     403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/municipalities/{municipality}/                           own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/municipalities/{municipality}/                           reg   403  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/regions/{region}/on-call-now/                            own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/regions/{region}/on-call-now/                            reg   403  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/regions/{region}/gaps/                                   own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/regions/{region}/gaps/                                   reg   403  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/regions/{region}/readiness/                              own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/regions/{region}/readiness/                              reg   403  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/readiness/national/                                      -     403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/functions/                                               -     403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/functions/{function}/                                    -     403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/persons/                                                 -     403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/persons/                                                 -     403  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/persons/{person}/                                        own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/persons/{person}/                                        mun   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/persons/{person}/                                        reg   403  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/persons/{person}/                                        own   403  403  403  403  200  200  403  403  403  200  200
PATCH  /api/v1/persons/{person}/                                        mun   403  403  403  403  403  200  403  403  403  200  200
PATCH  /api/v1/persons/{person}/                                        reg   403  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/persons/{person}/passport/                               own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/persons/{person}/passport/                               reg   403  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/pools/                                                   -     403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/pools/                                                   -     403  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/pools/{pool}/                                            own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/pools/{pool}/                                            reg   403  404  404  404  404  404  404  404  404  404  200
PUT    /api/v1/pools/{pool}/                                            own   403  403  403  403  400  400  403  403  403  400  400
PUT    /api/v1/pools/{pool}/                                            mun   403  403  403  403  403  400  403  403  403  400  400
PUT    /api/v1/pools/{pool}/                                            reg   403  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/shifts/                                                  -     403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/shifts/                                                  -     403  400  400  400  400  400  400  400  400  400  400
POST   /api/v1/shifts/import/                                           -     403  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/shifts/{shift}/                                          own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/shifts/{shift}/                                          reg   403  404  404  404  404  404  404  404  404  404  200
DELETE /api/v1/shifts/{shift}/                                          own   403  403  403  403  204  204  403  403  403  204  204
DELETE /api/v1/shifts/{shift}/                                          mun   403  403  403  403  403  204  403  403  403  204  204
DELETE /api/v1/shifts/{shift}/                                          reg   403  404  404  404  404  404  404  404  404  404  204
POST   /api/v1/shifts/{shift}/handover/                                 own   403  403  403  403  400  400  403  403  403  400  400
POST   /api/v1/shifts/{shift}/handover/                                 mun   403  403  403  403  403  400  403  403  403  400  400
POST   /api/v1/shifts/{shift}/handover/                                 reg   403  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/unavailabilities/                                        -     403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/unavailabilities/                                        -     403  400  400  400  400  400  400  400  400  400  400
DELETE /api/v1/unavailabilities/{unavailability}/                       own   403  403  403  403  204  204  403  403  403  204  204
DELETE /api/v1/unavailabilities/{unavailability}/                       mun   403  403  403  403  403  204  403  403  403  204  204
DELETE /api/v1/unavailabilities/{unavailability}/                       reg   403  404  404  404  404  404  404  404  404  404  204
GET    /api/v1/activities/                                              -     403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/activities/                                              -     403  400  400  400  400  400  400  400  400  400  400
POST   /api/v1/activities/import/?region=VR12                           -     403  415  415  415  415  415  415  415  415  415  415
GET    /api/v1/profiles/                                                -     403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/profiles/                                                -     403  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/exercises/                                               -     403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/exercises/                                               -     403  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/exercises/{exercise}/                                    own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/exercises/{exercise}/                                    reg   403  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/exercises/{exercise}/complete/                           own   403  403  403  403  400  400  403  403  403  400  400
POST   /api/v1/exercises/{exercise}/complete/                           mun   403  403  403  403  403  400  403  403  403  400  400
POST   /api/v1/exercises/{exercise}/complete/                           reg   403  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/alarm-tests/                                             -     403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/alarm-tests/                                             -     403  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/alarm-tests/{alarmtest}/                                 own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/alarm-tests/{alarmtest}/                                 reg   403  404  404  404  404  404  404  404  404  404  200
# API: incidents and alerting
GET    /api/v1/incidents/                                               -     403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/incidents/                                               -     403  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/incidents/{incident}/                                    own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/                                    reg   403  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/scale/                              own   403  403  403  400  400  400  403  403  403  400  400
POST   /api/v1/incidents/{incident}/scale/                              mun   403  403  403  403  403  400  403  403  403  400  400
POST   /api/v1/incidents/{incident}/scale/                              reg   403  404  404  404  404  404  404  404  404  404  400
POST   /api/v1/incidents/{incident}/close/                              own   403  403  403  200  200  200  403  403  403  200  200
POST   /api/v1/incidents/{incident}/close/                              mun   403  403  403  403  403  200  403  403  403  200  200
POST   /api/v1/incidents/{incident}/close/                              reg   403  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/incidents/{incident}/log/                                own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/log/                                reg   403  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/log/                                own   403  403  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/log/                                reg   403  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/incidents/{incident}/decisions/                          own   403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/incidents/{incident}/decisions/                          own   403  403  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/decisions/                          reg   403  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/incidents/{incident}/actions/                            own   403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/incidents/{incident}/actions/                            own   403  403  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/actions/{action}/status/            own   403  403  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/actions/{action}/status/            reg   403  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/incidents/{incident}/checklists/                         own   403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/incidents/{incident}/checklists/                         own   403  403  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/checklists/                         reg   403  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/incidents/{incident}/reports/                            own   403  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/incidents/{incident}/reports/                            own   403  403  201  201  201  201  201  201  403  201  201
POST   /api/v1/incidents/{incident}/reports/                            reg   403  404  404  404  404  404  404  404  404  404  201
GET    /api/v1/incidents/{incident}/reports/{report}/                   own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/reports/{report}/                   reg   403  404  404  404  404  404  404  404  404  404  200
PUT    /api/v1/incidents/{incident}/reports/{report}/                   own   403  403  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/reports/{report}/?step=approve      own   403  403  403  200  200  200  403  403  403  200  200
POST   /api/v1/incidents/{incident}/reports/{report}/?step=approve      mun   403  403  403  403  403  200  403  403  403  200  200
GET    /api/v1/incidents/{incident}/alerts/                             own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/alerts/                             reg   403  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/alerts/                             own   403  403  400  400  400  400  400  400  403  400  400
POST   /api/v1/incidents/{incident}/alerts/                             reg   403  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/incidents/{incident}/times/                              own   403  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/times/                              reg   403  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/alerts/{alert}/answer/                                   own   403  403  400  400  400  400  400  400  403  400  400
POST   /api/v1/alerts/{alert}/answer/                                   reg   403  404  404  404  404  404  404  404  404  404  400
"""


@dataclass(frozen=True)
class Line:
    section: str
    method: str
    path: str
    scope: str
    expected: dict[str, int]

    def __str__(self) -> str:
        return f"{self.method} {self.path} [{self.scope}]"


def parse(table: str) -> list[Line]:
    lines = []
    section = ""
    for raw in table.strip().splitlines()[1:]:
        if raw.startswith("#"):
            section = raw.lstrip("# ").strip()
            continue
        if not raw.strip():
            continue
        method, path, scope, *codes = raw.split()
        assert len(codes) == len(ROLES), f"{raw!r}: {len(codes)} statuses, {len(ROLES)} roles"
        expected = dict(zip(ROLES, map(int, codes), strict=True))
        lines.append(Line(section, method, path, scope, expected))
    return lines


LINES = parse(MATRIX)
SECTIONS = list(dict.fromkeys(line.section for line in LINES))


# ---------------------------------------------------------------- the world


@dataclass
class Scoped:
    """One scope's objects: a municipality with its person, pool, shift, incident, ..."""

    region: Region
    municipality: Municipality
    person: Person
    pool: Pool
    shift: OnCallShift
    unavailability: Unavailability
    district: District
    incident: Incident
    alert: Alert
    action: Action
    report: SituationReport
    entry: LogEntry
    exercise: Exercise
    alarm_test: AlarmTest
    activity: Activity
    rule: AlertRule


@dataclass
class MatrixWorld:
    scopes: dict[str, Scoped]
    users: dict[str, User]
    item: ChecklistItem
    tokens: dict[str, str]
    lead_alert: Alert


def _user(username: str, role: str | None, **scope: Any) -> User:
    user = User.objects.create_user(username=f"matrix-{username}", password="x")
    if role is not None:
        Membership.objects.create(user=user, role=role, **scope)
    return user


def _scoped(
    name: str,
    region: Region,
    municipality: Municipality,
    coordinator: User,
    ovd: Function,
    cpg: Function,
    district: District,
) -> Scoped:
    now = timezone.now()
    person = Person.objects.create(
        region=region,
        municipality=municipality,
        given_name="Matrix",
        surname=f"Persoon {name}",
        email=f"matrix-{name}@example.nl",
        phone="+31612345678",
    )
    person.functions.set([ovd, cpg])
    pool = Pool.objects.create(region=region, name=f"CPG {name}", kind=PoolKind.MUNICIPAL)
    pool.municipalities.set([municipality])
    pool.functions.set([cpg])
    pool.members.set([person])
    shift = OnCallShift.objects.create(
        pool=pool,
        function=cpg,
        person=person,
        kind=OnCallKind.HARD,
        starts_at=now + dt.timedelta(days=2),
        ends_at=now + dt.timedelta(days=9),
    )
    unavailability = Unavailability.objects.create(
        person=person,
        starts_at=now + dt.timedelta(days=3),
        ends_at=now + dt.timedelta(days=4),
        reason=UnavailabilityReason.SICK,
    )
    incident = Incident.objects.create(
        region=region,
        title=f"Gasstoring {name}",
        kind=IncidentType.UTILITY_OUTAGE,
        started_at=now - dt.timedelta(hours=1),
        municipality=municipality,
        created_by=coordinator,
    )
    incident.municipalities.set([municipality])
    call = FunctionCall.objects.create(
        incident=incident,
        function=cpg,
        municipality=municipality,
        escalation_minutes=5,
        reason="matrix",
    )
    alert = Alert.objects.create(call=call, person=person, step=Step.HARD)
    report = SituationReport.objects.create(incident=incident, version=1, summary="Stand van zaken")
    entry = LogEntry(
        incident=incident,
        number=1,
        author_name="Matrix",
        kind=EntryKind.NOTE,
        text="Met bijlage",
        attachment_name="kaart.txt",
    )
    entry.attachment.save("kaart.txt", ContentFile(b"kaart"), save=False)
    entry.save()
    decision = Decision.objects.create(
        incident=incident,
        team=Team.COPI,
        decided_by="Leider CoPI",
        text="Besluit",
        entry=LogEntry.objects.create(
            incident=incident, number=2, author_name="Matrix", kind=EntryKind.DECISION, text="B"
        ),
    )
    action = Action.objects.create(
        incident=incident,
        decision=decision,
        text="Actie",
        owner_function=ovd,
        deadline=now + dt.timedelta(hours=2),
    )
    exercise = Exercise.objects.create(
        region=region,
        title=f"Oefening {name}",
        exercise_type=ExerciseType.TABLETOP,
        starts_at=now - dt.timedelta(days=1),
        hours=3,
        created_by=coordinator,
    )
    ExerciseParticipant.objects.create(
        exercise=exercise, person=person, function=cpg, role=ParticipantRole.PARTICIPANT
    )
    alarm_test = AlarmTest.objects.create(region=region, started_by=coordinator)
    activity = Activity.objects.create(
        person=person,
        kind=ActivityKind.EXERCISE,
        title="Oefening",
        completed_on=timezone.localdate() - dt.timedelta(days=10),
    )
    rule = AlertRule.objects.filter(region=region).first()
    assert rule is not None
    return Scoped(
        region,
        municipality,
        person,
        pool,
        shift,
        unavailability,
        district,
        incident,
        alert,
        action,
        report,
        entry,
        exercise,
        alarm_test,
        activity,
        rule,
    )


def build_matrix_world() -> MatrixWorld:
    vr12 = Region.objects.get(code="VR12")
    vr09 = Region.objects.get(code="VR09")
    haarlem = Municipality.objects.get(cbs_code="GM0392")
    velsen = Municipality.objects.get(cbs_code="GM0453")
    utrecht = Municipality.objects.current().filter(region=vr09).order_by("cbs_code").first()
    assert utrecht is not None
    ovd = Function.objects.get(code="OVD-BZ")
    cpg = Function.objects.get(code="CPG")
    users = {
        "anon": None,
        "view": _user("view", Role.VIEWER, region=vr12),
        "func": _user("func", Role.FUNCTIONARY, region=vr12),
        "lead": _user("lead", Role.FUNCTIONARY, region=vr12),
        "mun": _user("mun", Role.COORDINATOR, municipality=haarlem),
        "reg": _user("reg", Role.COORDINATOR, region=vr12),
        "regi": _user("regi", Role.REGISTRY_OFFICER, region=vr12),
        "comm": _user("comm", Role.COMMUNICATION, region=vr12),
        "qual": _user("qual", Role.QUALITY_MONITOR, region=vr12),
        "radm": _user("radm", Role.ADMINISTRATOR, region=vr12),
        "nadm": _user("nadm", Role.ADMINISTRATOR),
    }
    other_coordinator = _user("reg-vr09", Role.COORDINATOR, region=vr09)
    districts = {
        vr12.pk: District.objects.create(region=vr12, name="Matrix Noord"),
        vr09.pk: District.objects.create(region=vr09, name="Matrix Utrecht"),
    }
    scopes = {
        "own": _scoped("own", vr12, haarlem, users["reg"], ovd, cpg, districts[vr12.pk]),
        "mun": _scoped("mun", vr12, velsen, users["reg"], ovd, cpg, districts[vr12.pk]),
        "reg": _scoped("reg", vr09, utrecht, other_coordinator, ovd, cpg, districts[vr09.pk]),
    }
    # The people behind the functionaries' logins; the leader is alerted as OvD-BZ for the
    # Haarlem incident only.
    for key in ("func", "lead"):
        person = Person.objects.create(
            region=vr12,
            municipality=haarlem,
            given_name="Matrix",
            surname=key,
            email=f"matrix-user-{key}@example.nl",
            user=users[key],
        )
        person.functions.set([ovd])
    own = scopes["own"]
    lead_call = FunctionCall.objects.create(
        incident=own.incident,
        function=ovd,
        municipality=own.municipality,
        escalation_minutes=5,
        reason="matrix",
    )
    lead_alert = Alert.objects.create(call=lead_call, person=users["lead"].person, step=Step.HARD)
    item = ChecklistItem.objects.filter(region=None, function=ovd, active=True).first()
    assert item is not None
    recipient = AlarmRecipient.objects.create(test=own.alarm_test, person=own.person, function=cpg)
    tokens = {
        "alarm": readiness_services.alarm_link_token(recipient),
        "answer": alerting_services.answer_token(own.alert),
        "arrival": alerting_services.arrival_token(own.alert),
        "calendar": own.person.calendar_token,
    }
    logins = {k: v for k, v in users.items() if v is not None}
    return MatrixWorld(scopes, logins, item, tokens, lead_alert)


@pytest.fixture(scope="module")
def matrix(django_db_setup: None, django_db_blocker: Any) -> Iterator[tuple[MatrixWorld, dict]]:
    """The world, built once for the module inside a transaction rolled back at the end,
    and one logged-in client per role."""
    with (
        django_db_blocker.unblock(),
        tempfile.TemporaryDirectory() as media,
        override_settings(
            MEDIA_ROOT=media,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            STORAGES={
                "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            },
        ),
        transaction.atomic(),
    ):
        world = build_matrix_world()
        clients = {"anon": Client()}
        for role, user in world.users.items():
            clients[role] = Client()
            clients[role].force_login(user)
        yield world, clients
        transaction.set_rollback(True)


def _fill(path: str, world: MatrixWorld, scope: str) -> str:
    s = world.scopes.get(scope, world.scopes["own"])
    values = {
        "person": s.person.pk,
        "pool": s.pool.pk,
        "shift": s.shift.pk,
        "unavailability": s.unavailability.pk,
        "district": s.district.pk,
        "incident": s.incident.pk,
        "alert": s.alert.pk,
        "action": s.action.pk,
        "report": s.report.version,
        "entry": s.entry.number,
        "item": world.item.pk,
        "exercise": s.exercise.pk,
        "alarmtest": s.alarm_test.pk,
        "activity": s.activity.pk,
        "rule": s.rule.pk,
        "leadalert": world.lead_alert.pk,
        "region": s.region.code,
        "municipality": s.municipality.cbs_code,
        "function": "CPG",
        **{f"token:{k}": v for k, v in world.tokens.items()},
    }
    return re.sub(r"\{([a-z:]+)\}", lambda m: str(values[m.group(1)]), path)


def _ask(client: Client, method: str, path: str) -> int:
    """One request, rolled back whatever it did (a logout included: the cookies too)."""
    cookies = copy.deepcopy(client.cookies)
    # A write sends the query string as its body as well: "?step=approve" is the button.
    body = {k: v[0] for k, v in parse_qs(urlsplit(path).query).items()}
    with transaction.atomic():
        if method == "GET":
            response = client.get(path)
        else:
            call = getattr(client, method.lower())
            if path.startswith("/api/"):
                response = call(path, data=json.dumps(body), content_type="application/json")
            else:
                response = call(path, data=body)
        transaction.set_rollback(True)
    client.cookies = cookies
    return response.status_code


def _table(rows: list[tuple[Line, dict[str, int]]]) -> str:
    head = f"{'method':<6} {'path':<64} {'scope':<5} " + " ".join(f"{r:<4}" for r in ROLES)
    body = [
        f"{line.method:<6} {line.path:<64} {line.scope:<5} "
        + " ".join(f"{got[r]:<4}" for r in ROLES).rstrip()
        for line, got in rows
    ]
    return "\n".join([head, *body])


@pytest.mark.parametrize("section", SECTIONS)
def test_every_role_gets_what_the_matrix_says(
    matrix: tuple[MatrixWorld, dict], section: str
) -> None:
    world, clients = matrix
    rows = []
    wrong = []
    for line in (line for line in LINES if line.section == section):
        path = _fill(line.path, world, line.scope)
        got = {role: _ask(clients[role], line.method, path) for role in ROLES}
        rows.append((line, got))
        for role in ROLES:
            if got[role] != line.expected[role]:
                wrong.append(f"{line} as {role}: expected {line.expected[role]}, got {got[role]}")
    if os.environ.get("ORANJE_MATRIX_PRINT"):
        print("\n" + _table(rows))
    assert not wrong, "\n".join(wrong)


# ---------------------------------------------------------------- the table is complete


def _routes() -> set[tuple[str, str]]:
    """(route, method) of every page and API operation; the admin, the language switch and
    the router's format-suffix twins aside."""
    found: set[tuple[str, str]] = set()

    def join(prefix: str, pattern: str) -> str:
        # as Django joins the routes of a ResolverMatch: without the inner pattern's "^"
        return prefix + (pattern.removeprefix("^") if prefix else pattern)

    def walk(patterns: list[Any], prefix: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, join(prefix, str(p.pattern)))
                continue
            assert isinstance(p, URLPattern)
            route = join(prefix, str(p.pattern))
            if route.startswith(("beheer/", "i18n/")) or "format" in route:
                continue
            actions = getattr(p.callback, "actions", None) or {}
            methods = [m.upper() for m in actions if m not in ("head", "options")]
            found.update((route, m) for m in (methods or ["*"]))

    walk(get_resolver().url_patterns, "")
    return found


def test_the_matrix_lists_every_page_and_api_operation(matrix: tuple[MatrixWorld, dict]) -> None:
    world, _clients = matrix
    listed: set[tuple[str, str]] = set()
    for line in LINES:
        match = resolve(_fill(line.path, world, line.scope).split("?")[0])
        listed.add((match.route, line.method))
        listed.add((match.route, "*"))
    missing = sorted(f"{m} /{r}" for r, m in _routes() - listed)
    assert not missing, "pages or API operations without a line in MATRIX:\n" + "\n".join(missing)
