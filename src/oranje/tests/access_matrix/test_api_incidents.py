"""The access matrix: the API of incidents and alerting.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /api/v1/incidents/                                               -     403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/incidents/                                               -     403  400  400  400  400  400  400  400 400  400   400  400  400  400  400
GET    /api/v1/incidents/{incident}/                                    own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/incidents/{incident}/                                    reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /api/v1/incidents/{incident}/scale/                              own   403  403  403  400  400  400  403  403 403  403   403  403  403  400  400
POST   /api/v1/incidents/{incident}/scale/                              mun   403  403  403  403  403  400  403  403 403  403   403  403  403  400  400
POST   /api/v1/incidents/{incident}/scale/                              reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  400
POST   /api/v1/incidents/{incident}/close/                              own   403  403  403  200  200  200  403  403 403  403   403  403  403  200  200
POST   /api/v1/incidents/{incident}/close/                              mun   403  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /api/v1/incidents/{incident}/close/                              reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /api/v1/incidents/{incident}/log/                                own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/incidents/{incident}/log/                                reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /api/v1/incidents/{incident}/log/                                own   403  403  400  400  400  400  400  400 400  400   400  400  403  400  400
POST   /api/v1/incidents/{incident}/log/                                reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  400
GET    /api/v1/incidents/{incident}/decisions/                          own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/incidents/{incident}/decisions/                          own   403  403  400  400  400  400  400  400 400  400   400  400  403  400  400
POST   /api/v1/incidents/{incident}/decisions/                          reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  400
GET    /api/v1/incidents/{incident}/actions/                            own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/incidents/{incident}/actions/                            own   403  403  400  400  400  400  400  400 400  400   400  400  403  400  400
POST   /api/v1/incidents/{incident}/actions/{action}/status/            own   403  403  400  400  400  400  400  400 400  400   400  400  403  400  400
POST   /api/v1/incidents/{incident}/actions/{action}/status/            reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  400
GET    /api/v1/incidents/{incident}/checklists/                         own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/incidents/{incident}/checklists/                         own   403  403  400  400  400  400  400  400 400  400   400  400  403  400  400
POST   /api/v1/incidents/{incident}/checklists/                         reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  400
GET    /api/v1/incidents/{incident}/reports/                            own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /api/v1/incidents/{incident}/reports/                            own   403  403  201  201  201  201  201  201 201  201   201  201  403  201  201
POST   /api/v1/incidents/{incident}/reports/                            reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  201
GET    /api/v1/incidents/{incident}/reports/{report}/                   own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/incidents/{incident}/reports/{report}/                   reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
PUT    /api/v1/incidents/{incident}/reports/{report}/                   own   403  403  400  400  400  400  400  400 400  400   400  400  403  400  400
POST   /api/v1/incidents/{incident}/reports/{report}/?step=approve      own   403  403  403  200  200  200  403  403 403  403   403  403  403  200  200
POST   /api/v1/incidents/{incident}/reports/{report}/?step=approve      mun   403  403  403  403  403  200  403  403 403  403   403  403  403  200  200
GET    /api/v1/incidents/{incident}/alerts/                             own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/incidents/{incident}/alerts/                             reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /api/v1/incidents/{incident}/alerts/                             own   403  403  400  400  400  400  400  400 400  400   400  400  403  400  400
POST   /api/v1/incidents/{incident}/alerts/                             reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  400
GET    /api/v1/incidents/{incident}/times/                              own   403  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /api/v1/incidents/{incident}/times/                              reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /api/v1/alerts/{alert}/answer/                                   own   403  403  400  400  400  400  400  400 400  400   400  400  403  400  400
POST   /api/v1/alerts/{alert}/answer/                                   reg   403  404  404  404  404  404  404  404 404  404   404  404  404  404  400
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
