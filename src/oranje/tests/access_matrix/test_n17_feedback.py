"""The access matrix, issue 17, part "feedback".

How to read the table: the package's docstring (`__init__.py`); this part's objects:
`world_feedback.py`."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
# part: feedback
GET    /oefeningen/mijn-feedback/                                       -     302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /oefeningen/{exercise}/feedbackmomenten/                         own   302  403  403  403  200  200  403  403  403  403  403  403  403  200  200
GET    /oefeningen/{exercise}/feedbackmomenten/                         mun   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
GET    /oefeningen/{exercise}/feedbackmomenten/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /oefeningen/{exercise}/feedbackmomenten/                         own   302  403  403  403  200  200  403  403  403  403  403  403  403  200  200
POST   /oefeningen/{exercise}/feedbackmomenten/                         mun   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /oefeningen/{exercise}/feedbackmomenten/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /oefeningen/feedbackmoment/{fbmoment}/                           own   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
GET    /oefeningen/feedbackmoment/{fbmoment}/                           mun   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
GET    /oefeningen/feedbackmoment/{fbmoment}/                           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /oefeningen/feedbackmoment/{fbmoment}/                           own   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /oefeningen/feedbackmoment/{fbmoment}/                           mun   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /oefeningen/feedbackmoment/{fbmoment}/                           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /oefeningen/feedbackmoment/{fbmoment}/verwijderen/               own   302  403  403  403  302  302  403  403  403  403  403  403  403  302  302
POST   /oefeningen/feedbackmoment/{fbmoment}/verwijderen/               mun   302  403  403  403  403  302  403  403  403  403  403  403  403  302  302
POST   /oefeningen/feedbackmoment/{fbmoment}/verwijderen/               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /api/v1/exercises/{exercise}/feedback-moments/                   own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/exercises/{exercise}/feedback-moments/                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/exercises/{exercise}/feedback-moments/                   own   403  403  403  403  400  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/exercises/{exercise}/feedback-moments/                   mun   403  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/exercises/{exercise}/feedback-moments/                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/feedback-moments/{fbmoment}/                             own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/feedback-moments/{fbmoment}/                             reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
DELETE /api/v1/feedback-moments/{fbmoment}/                             own   403  403  403  403  400  400  403  403  403  403  403  403  403  400  400
DELETE /api/v1/feedback-moments/{fbmoment}/                             mun   403  403  403  403  403  400  403  403  403  403  403  403  403  400  400
DELETE /api/v1/feedback-moments/{fbmoment}/                             reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/feedback-moments/{fbmoment}/feedback/                    own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/feedback-moments/{fbmoment}/feedback/                    reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/feedback-moments/{fbmoment}/feedback/                    own   403  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/feedback-moments/{fbmoment}/feedback/                    mun   403  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/feedback-moments/{fbmoment}/feedback/                    reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/persons/{person}/feedback/                               own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/persons/{person}/feedback/                               reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
# end part: feedback
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
