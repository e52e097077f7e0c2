"""The access matrix, issue 17, part "drills".

How to read the table: the package's docstring (`__init__.py`); this part's objects:
`world_drills.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: drills
GET    /oefeningen/uuropdracht/                                         -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /oefeningen/uuropdracht/?status=late                             -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /oefeningen/uuropdracht/nieuw/                                   -     302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /oefeningen/uuropdracht/nieuw/                                   -     302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
GET    /oefeningen/uuropdracht/{drill}/                                 own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /oefeningen/uuropdracht/{drill}/                                 mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /oefeningen/uuropdracht/{drill}/                                 reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /oefeningen/uuropdracht/{drill}/                                 own   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /oefeningen/uuropdracht/{drill}/                                 mun   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /oefeningen/uuropdracht/{drill}/                                 reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /oefeningen/uuropdracht/{drill}/?step=resend                     own   302  403  403  403  403  302  403  403  403  403  403  403  403  302  302
GET    /uuropdracht/{token:drill}/                                      -     200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /uuropdracht/{token:drill}/                                      -     200  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /uuropdracht/not-a-token/                                        -     400  400  400  400  400  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/drills/                                                  -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/drills/?region=VR12&status=open                          -     403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /api/v1/drills/                                                  -     403  400  400  400  400  400  400  400  400  400  400  400  400  400  400
GET    /api/v1/drills/{drill}/                                          own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/drills/{drill}/                                          reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/drills/{drill}/assessment/                               own   403  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/drills/{drill}/assessment/                               mun   403  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/drills/{drill}/assessment/                               reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
# end part: drills
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
