"""The access matrix: pages of core and organisation.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft qual radm nadm
GET    /                                                                -     302  302  302  302  302  302  302  302 302  302   302  302  302  302  302
GET    /inloggen/                                                       -     200  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /uitloggen/                                                      -     302  302  302  302  302  302  302  302 302  302   302  302  302  302  302
GET    /inloggen/tweede-stap/                                           -     302  302  302  302  302  302  302  302 302  302   302  302  302  302  302
POST   /inloggen/tweede-stap/                                           -     302  302  302  302  302  302  302  302 302  302   302  302  302  302  302
GET    /account/tweestapsverificatie/                                   -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /account/tweestapsverificatie/                                   -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /account/tweestapsverificatie/instellen/                         -     302  302  302  302  302  302  302  302 302  302   302  302  302  302  302
POST   /account/tweestapsverificatie/instellen/                         -     302  302  302  302  302  302  302  302 302  302   302  302  302  302  302
POST   /regio/kies/?region=VR12                                         -     302  302  302  302  302  302  302  302 302  302   302  302  302  302  302
POST   /regio/kies/?region=VR09                                         -     302  404  404  404  404  404  404  404 404  404   404  404  404  404  302
GET    /gemeenten/                                                      -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /audit/                                                          -     302  404  404  404  200  200  404  404 404  404   404  404  404  200  200
GET    /toegankelijkheid/                                               -     200  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /piket/nu/                                                       -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /piket/gaten/                                                    -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /rooster/                                                        -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /rooster/dienst/nieuw/                                           -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
POST   /rooster/dienst/nieuw/                                           -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
GET    /rooster/dienst/personen/?pool={pool}                            own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /rooster/dienst/personen/?pool={pool}                            mun   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /rooster/dienst/personen/?pool={pool}                            reg   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /rooster/dienst/{shift}/                                         own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /rooster/dienst/{shift}/                                         mun   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /rooster/dienst/{shift}/                                         reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /rooster/dienst/{shift}/                                         own   302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
POST   /rooster/dienst/{shift}/                                         mun   302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /rooster/dienst/{shift}/                                         reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /rooster/dienst/{shift}/verwijderen/                             own   302  403  403  403  302  302  403  403 403  403   403  403  403  302  302
POST   /rooster/dienst/{shift}/verwijderen/                             mun   302  403  403  403  403  302  403  403 403  403   403  403  403  302  302
POST   /rooster/dienst/{shift}/verwijderen/                             reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  302
GET    /rooster/patroon/                                                -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
POST   /rooster/patroon/                                                -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
GET    /rooster/import/                                                 -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
POST   /rooster/import/                                                 -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
GET    /mensen/                                                         -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /mensen/nieuw/                                                   -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
POST   /mensen/nieuw/                                                   -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
GET    /mensen/{person}/                                                own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /mensen/{person}/                                                mun   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /mensen/{person}/                                                reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /mensen/{person}/wijzigen/                                       own   302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
GET    /mensen/{person}/wijzigen/                                       mun   302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
GET    /mensen/{person}/wijzigen/                                       reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /mensen/{person}/wijzigen/                                       own   302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
POST   /mensen/{person}/wijzigen/                                       mun   302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /mensen/{person}/wijzigen/                                       reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /afwezigheid/{unavailability}/intrekken/                         own   302  403  403  403  302  302  403  403 403  403   403  403  403  302  302
POST   /afwezigheid/{unavailability}/intrekken/                         mun   302  403  403  403  403  302  403  403 403  403   403  403  403  302  302
POST   /afwezigheid/{unavailability}/intrekken/                         reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  302
GET    /pools/                                                          -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /pools/nieuw/                                                    -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
POST   /pools/nieuw/                                                    -     302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
GET    /pools/{pool}/                                                   own   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /pools/{pool}/                                                   mun   302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /pools/{pool}/                                                   reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /pools/{pool}/wijzigen/                                          own   302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
GET    /pools/{pool}/wijzigen/                                          mun   302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
GET    /pools/{pool}/wijzigen/                                          reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /pools/{pool}/wijzigen/                                          own   302  403  403  403  200  200  403  403 403  403   403  403  403  200  200
POST   /pools/{pool}/wijzigen/                                          mun   302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /pools/{pool}/wijzigen/                                          reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /districten/nieuw/                                               -     302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /districten/nieuw/                                               -     302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
GET    /districten/{district}/wijzigen/                                 own   302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
GET    /districten/{district}/wijzigen/                                 reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
POST   /districten/{district}/wijzigen/                                 own   302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /districten/{district}/wijzigen/                                 reg   302  404  404  404  404  404  404  404 404  404   404  404  404  404  200
GET    /functies/                                                       -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
GET    /functies/{function}/wijzigen/                                   -     302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
POST   /functies/{function}/wijzigen/                                   -     302  403  403  403  403  200  403  403 403  403   403  403  403  200  200
GET    /mijn-diensten/                                                  -     302  200  200  200  200  200  200  200 200  200   200  200  200  200  200
POST   /mijn-diensten/                                                  -     302  200  302  302  200  200  200  200 200  200   200  200  200  200  200
GET    /agenda/{token:calendar}.ics                                     -     200  200  200  200  200  200  200  200 200  200   200  200  200  200  200
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
