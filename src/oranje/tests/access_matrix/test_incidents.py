"""The access matrix: pages of incidents and alerting.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /incidenten/                                                     -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/nieuw/                                               -     302  403  200  200  200  200  200  200 200  200   200  200  403  200  200
POST   /incidenten/nieuw/                                               -     302  403  200  200  200  200  200  200 200  200   200  200  403  200  200
GET    /incidenten/{incident}/                                          own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/                                          mun   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/                                          reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /incidenten/{incident}/logboek/nieuw/                            own   302  403  400  400  400  400  400  400 400  400   400  400  403  400  400
POST   /incidenten/{incident}/logboek/nieuw/                            mun   302  403  400  400  400  400  400  400 400  400   400  400  403  400  400
POST   /incidenten/{incident}/logboek/nieuw/                            reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  400
GET    /incidenten/{incident}/logboek/nieuwer/                          own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/logboek/nieuwer/                          reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /incidenten/{incident}/logboek/{entry}/bijlage/                  own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/logboek/{entry}/bijlage/                  reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /incidenten/{incident}/opschalen/                                own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/opschalen/                                reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /incidenten/{incident}/opschalen/                                own   302  403  403  200  200  200  403  403 403  403   403  403  403  200  200
POST   /incidenten/{incident}/opschalen/                                mun   302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /incidenten/{incident}/opschalen/                                reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /incidenten/{incident}/afsluiten/                                own   302  403  403  200  200  200  403  403 403  403   403  403  403  200  200
GET    /incidenten/{incident}/afsluiten/                                mun   302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
GET    /incidenten/{incident}/afsluiten/                                reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /incidenten/{incident}/afsluiten/                                own   302  403  403  200  200  200  403  403 403  403   403  403  403  200  200
POST   /incidenten/{incident}/afsluiten/                                mun   302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /incidenten/{incident}/afsluiten/                                reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /incidenten/{incident}/opkomst/                                  own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/opkomst/                                  reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /incidenten/{incident}/opkomst/                                  own   302  403  302  302  302  302  302  302 302  302   302  302  403  302  302
POST   /incidenten/{incident}/opkomst/                                  reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  302
GET    /incidenten/{incident}/besluiten/                                own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/besluiten/                                reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /incidenten/{incident}/besluiten/                                own   302  403  400  400  400  400  400  400 400  400   400  400  403  400  400
POST   /incidenten/{incident}/besluiten/                                reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  400
POST   /incidenten/{incident}/acties/{action}/status/                   own   302  403  302  302  302  302  302  302 302  302   302  302  403  302  302
POST   /incidenten/{incident}/acties/{action}/status/                   reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  302
GET    /incidenten/{incident}/checklists/                               own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/checklists/                               reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /incidenten/{incident}/checklists/{item}/afvinken/               own   302  403  302  302  302  302  302  302 302  302   302  302  403  302  302
POST   /incidenten/{incident}/checklists/{item}/afvinken/               reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  302
GET    /incidenten/{incident}/situatierapport/                          own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/situatierapport/                          reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /incidenten/{incident}/situatierapport/                          own   302  403  302  302  302  302  302  302 302  302   302  302  403  302  302
POST   /incidenten/{incident}/situatierapport/                          reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  302
GET    /incidenten/{incident}/situatierapport/{report}/                 own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/situatierapport/{report}/                 reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /incidenten/{incident}/situatierapport/{report}/                 own   302  403  302  302  302  302  302  302 302  302   302  302  403  302  302
POST   /incidenten/{incident}/situatierapport/{report}/?step=approve    own   302  403  403  302  302  302  403  403 403  403   403  403  403  302  302
POST   /incidenten/{incident}/situatierapport/{report}/?step=approve    mun   302  403  403  403  403  302  403  403 403  403   403  403  403  302  302
GET    /incidenten/{incident}/situatierapport/{report}.pdf              own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/situatierapport/{report}.pdf              reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /incidenten/{incident}/situatierapport/{report}.json             own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/situatierapport/{report}.json             reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /incidenten/{incident}/aflossing/                                own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/aflossing/                                reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /incidenten/{incident}/aflossing/                                own   302  403  200  200  200  200  200  200 200  200   200  200  403  200  200
POST   /incidenten/{incident}/aflossing/                                reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /incidenten/{incident}/alarmering/                               own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/alarmering/                               reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /incidenten/{incident}/alarmering/                               own   302  403  200  200  200  200  200  200 200  200   200  200  403  200  200
POST   /incidenten/{incident}/alarmering/                               reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /incidenten/{incident}/alarmering/bord/                          own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/alarmering/bord/                          reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /incidenten/{incident}/alarmering/{alert}/                       own   302  403  302  302  302  302  302  302 302  302   302  302  403  302  302
POST   /incidenten/{incident}/alarmering/{alert}/                       reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  302
GET    /incidenten/{incident}/tijden/                                   own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /incidenten/{incident}/tijden/                                   reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /checklists/OVD-BZ/wijzigen/                                     -     302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /checklists/OVD-BZ/wijzigen/                                     -     302  403  403  403  403  400  403  403 403  403   403  403  403  400  400
GET    /alarmregels/                                                    -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /alarmregels/                                                    -     302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
GET    /mijn-alarmeringen/                                              -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /mijn-alarmeringen/                                              -     302  404  404  404  404  404  404  404 404  404   404  404  404  404  404
POST   /mijn-alarmeringen/?alert={leadalert}&what=declined              -     302  404  404  302  404  404  404  404 404  404   404  404  404  404  404
GET    /alarmering/{token:answer}/                                      -     200  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /aankomst/{token:arrival}/                                       -     200  200  200  200  200  200  200  200 200  200   200  200  200  200  200
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
