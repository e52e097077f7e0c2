"""The access matrix: shelter locations (cold phase) and the region's care norms.

How to read the table: the package's docstring (`__init__.py`). Everyone in the region reads
the register and the norms; the municipality's coordinator (mun) changes Haarlem's locations,
the region's coordinators, administrators and the care coordinator (carc) every municipality's;
the norms are the region's managers'. The world's locations have been opened as a shelter, so
a removal is refused (the page goes back to the location with the message, the API says 400)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /opvang/locaties/                                                -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /opvang/locaties/nieuw/                                          -     302  403  403  403  200  200  403  403  403  200  403  403  403  200  200
POST   /opvang/locaties/nieuw/                                          -     302  403  403  403  400  400  403  403  403  400  403  403  403  400  400
GET    /opvang/locaties/kaart/                                          -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /opvang/locaties/afdrukken/                                      -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /opvang/locaties/import/                                         -     302  403  403  403  200  200  403  403  403  200  403  403  403  200  200
POST   /opvang/locaties/import/                                         -     302  403  403  403  400  400  403  403  403  400  403  403  403  400  400
GET    /opvang/locaties/import/sjabloon.csv                             -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /opvang/locaties/{location}/                                     own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /opvang/locaties/{location}/                                     mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /opvang/locaties/{location}/                                     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /opvang/locaties/{location}/wijzigen/                            own   302  403  403  403  200  200  403  403  403  200  403  403  403  200  200
GET    /opvang/locaties/{location}/wijzigen/                            mun   302  403  403  403  403  200  403  403  403  200  403  403  403  200  200
GET    /opvang/locaties/{location}/wijzigen/                            reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /opvang/locaties/{location}/wijzigen/                            own   302  403  403  403  400  400  403  403  403  400  403  403  403  400  400
POST   /opvang/locaties/{location}/wijzigen/                            mun   302  403  403  403  403  400  403  403  403  400  403  403  403  400  400
POST   /opvang/locaties/{location}/wijzigen/                            reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /opvang/locaties/{location}/verwijderen/                         own   302  403  403  403  302  302  403  403  403  302  403  403  403  302  302
POST   /opvang/locaties/{location}/verwijderen/                         mun   302  403  403  403  403  302  403  403  403  302  403  403  403  302  302
POST   /opvang/locaties/{location}/verwijderen/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /opvang/normen/                                                  -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
POST   /opvang/normen/                                                  -     302  403  403  403  403  400  403  403  403  403  403  403  403  400  400
GET    /api/v1/regions/{region}/shelter-locations/                      own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/regions/{region}/shelter-locations/                      reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/regions/{region}/shelter-locations/                      own   403  400  400  400  400  400  400  400  400  400  400  400  400  400  400
POST   /api/v1/regions/{region}/shelter-locations/                      reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/shelter-locations/{location}/                            own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/shelter-locations/{location}/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PUT    /api/v1/shelter-locations/{location}/                            own   403  403  403  403  400  400  403  403  403  400  403  403  403  400  400
PUT    /api/v1/shelter-locations/{location}/                            mun   403  403  403  403  403  400  403  403  403  400  403  403  403  400  400
PUT    /api/v1/shelter-locations/{location}/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
DELETE /api/v1/shelter-locations/{location}/                            own   403  403  403  403  400  400  403  403  403  400  403  403  403  400  400
DELETE /api/v1/shelter-locations/{location}/                            reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/regions/{region}/care-norms/                             own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/regions/{region}/care-norms/                             reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PUT    /api/v1/regions/{region}/care-norms/                             own   403  403  403  403  403  400  403  403  403  403  403  403  403  400  400
PUT    /api/v1/regions/{region}/care-norms/                             reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
