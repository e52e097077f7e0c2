"""The access matrix, aftercare room: the incident tab, the nafase, the transition document,
aftercare tasks, the IAC's cases, newsletters, deployments and the thank-you, pages and API.

How to read the table: the package's docstring (`__init__.py`)."""

from __future__ import annotations

import pytest

from oranje.tests.access_matrix.world import Matrix, check, parse

pytestmark = pytest.mark.django_db

MATRIX = parse("""
method path                                                             scope anon view func lead mun  reg  regi regc care carc comm aft  qual radm nadm
GET    /incidenten/{incident}/nafase/                                   own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/                                   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
# part: nafase
GET    /incidenten/{incident}/nafase/starten/                           own   302  403  403  200  200  200  403  403  403  403  403  403  403  200  200
GET    /incidenten/{incident}/nafase/starten/                           mun   302  403  403  403  403  200  403  403  403  403  403  403  403  200  200
GET    /incidenten/{incident}/nafase/starten/                           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/nafase/starten/                           own   302  403  403  400  400  400  403  403  403  403  403  403  403  400  400
POST   /incidenten/{incident}/nafase/starten/                           mun   302  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /incidenten/{incident}/nafase/starten/                           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /incidenten/{incident}/nafase/leiding/                           own   302  403  403  400  400  400  403  403  403  403  403  403  403  400  400
POST   /incidenten/{incident}/nafase/leiding/                           mun   302  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /incidenten/{incident}/nafase/leiding/                           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/nafase/overdracht/                        own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/overdracht/                        mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/overdracht/                        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/nafase/overdracht/{transition}/           own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/overdracht/{transition}/           mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/overdracht/{transition}/           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/nafase/overdracht/{transition}/print/     own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/overdracht/{transition}/print/     mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/overdracht/{transition}/print/     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/nafase/overdracht/                        own   302  403  403  302  302  302  403  403  403  403  403  302  403  302  302
POST   /incidenten/{incident}/nafase/overdracht/                        mun   302  403  403  403  403  302  403  403  403  403  403  302  403  302  302
POST   /incidenten/{incident}/nafase/overdracht/                        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/nafase/overdracht/{transition}/           own   302  403  403  302  302  302  403  403  403  403  403  302  403  302  302
POST   /incidenten/{incident}/nafase/overdracht/{transition}/           mun   302  403  403  403  403  302  403  403  403  403  403  302  403  302  302
POST   /incidenten/{incident}/nafase/overdracht/{transition}/           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/nafase/overdracht/{transition}/feiten/    own   302  403  403  302  302  302  403  403  403  403  403  302  403  302  302
POST   /incidenten/{incident}/nafase/overdracht/{transition}/feiten/    mun   302  403  403  403  403  302  403  403  403  403  403  302  403  302  302
POST   /incidenten/{incident}/nafase/overdracht/{transition}/feiten/    reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
POST   /incidenten/{incident}/nafase/overdracht/{transition}/vaststellen/ own   302  403  403  302  302  302  403  403  403  403  403  403  403  302  302
POST   /incidenten/{incident}/nafase/overdracht/{transition}/vaststellen/ mun   302  403  403  403  403  302  403  403  403  403  403  403  403  302  302
POST   /incidenten/{incident}/nafase/overdracht/{transition}/vaststellen/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /incidenten/{incident}/nafase/taken/                             own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/taken/                             mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/taken/                             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/nafase/taken/nieuw/                       own   302  403  403  200  200  200  403  403  403  403  403  200  403  200  200
GET    /incidenten/{incident}/nafase/taken/nieuw/                       mun   302  403  403  403  403  200  403  403  403  403  403  200  403  200  200
GET    /incidenten/{incident}/nafase/taken/nieuw/                       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/nafase/taken/nieuw/                       own   302  403  403  400  400  400  403  403  403  403  403  400  403  400  400
POST   /incidenten/{incident}/nafase/taken/nieuw/                       mun   302  403  403  403  403  400  403  403  403  403  403  400  403  400  400
POST   /incidenten/{incident}/nafase/taken/nieuw/                       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/nafase/taken/{atask}/                     own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/taken/{atask}/                     mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/taken/{atask}/                     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/nafase/taken/{atask}/                     own   302  403  403  400  400  400  403  403  403  403  403  400  403  400  400
POST   /incidenten/{incident}/nafase/taken/{atask}/                     mun   302  403  403  403  403  400  403  403  403  403  403  400  403  400  400
POST   /incidenten/{incident}/nafase/taken/{atask}/                     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/incidents/{incident}/aftercare/                          own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/aftercare/                          mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/aftercare/                          reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/aftercare/start/                    own   403  403  403  400  400  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/incidents/{incident}/aftercare/start/                    mun   403  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/incidents/{incident}/aftercare/start/                    reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/incidents/{incident}/aftercare/transition-documents/     own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/aftercare/transition-documents/     mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/aftercare/transition-documents/     reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/aftercare/transition-documents/     own   403  403  403  400  400  400  403  403  403  403  403  400  403  400  400
POST   /api/v1/incidents/{incident}/aftercare/transition-documents/     mun   403  403  403  403  403  400  403  403  403  403  403  400  403  400  400
POST   /api/v1/incidents/{incident}/aftercare/transition-documents/     reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/aftercare/transition-documents/{transition}/             own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/aftercare/transition-documents/{transition}/             mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/aftercare/transition-documents/{transition}/             reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/aftercare/transition-documents/{transition}/             own   403  403  403  200  200  200  403  403  403  403  403  200  403  200  200
PATCH  /api/v1/aftercare/transition-documents/{transition}/             mun   403  403  403  403  403  200  403  403  403  403  403  200  403  200  200
PATCH  /api/v1/aftercare/transition-documents/{transition}/             reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/aftercare/transition-documents/{transition}/approve/     own   403  403  403  200  200  200  403  403  403  403  403  403  403  200  200
POST   /api/v1/aftercare/transition-documents/{transition}/approve/     mun   403  403  403  403  403  200  403  403  403  403  403  403  403  200  200
POST   /api/v1/aftercare/transition-documents/{transition}/approve/     reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/incidents/{incident}/aftercare/tasks/                    own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/aftercare/tasks/                    mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/aftercare/tasks/                    reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/aftercare/tasks/                    own   403  403  403  400  400  400  403  403  403  403  403  400  403  400  400
POST   /api/v1/incidents/{incident}/aftercare/tasks/                    mun   403  403  403  403  403  400  403  403  403  403  403  400  403  400  400
POST   /api/v1/incidents/{incident}/aftercare/tasks/                    reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /api/v1/aftercare/tasks/{atask}/                                 own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/aftercare/tasks/{atask}/                                 mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/aftercare/tasks/{atask}/                                 reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
PATCH  /api/v1/aftercare/tasks/{atask}/                                 own   403  403  403  200  200  200  403  403  403  403  403  200  403  200  200
PATCH  /api/v1/aftercare/tasks/{atask}/                                 mun   403  403  403  403  403  200  403  403  403  403  403  200  403  200  200
PATCH  /api/v1/aftercare/tasks/{atask}/                                 reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
# end part: nafase
# part: letters
GET    /incidenten/{incident}/nafase/nieuwsbrieven/                     own   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/                     mun   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/                     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/nieuw/               own   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/nieuw/               mun   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/nieuw/               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/nieuwsbrieven/nieuw/               own   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/nieuwsbrieven/nieuw/               mun   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/nieuwsbrieven/nieuw/               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/        own   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/        mun   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/        own   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/        mun   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/        reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/stand/  own   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/stand/  mun   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/stand/  reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/versturen/ own   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/versturen/ mun   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/versturen/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/versturen/ own   302  403  403  403  403  403  403  403  403  403  403  302  403  403  403
POST   /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/versturen/ mun   302  403  403  403  403  403  403  403  403  403  403  302  403  403  403
POST   /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/versturen/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/brieven.pdf own   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/brieven.pdf mun   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/nieuwsbrieven/{newsletter}/brieven.pdf reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /api/v1/incidents/{incident}/aftercare/newsletters/              own   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /api/v1/incidents/{incident}/aftercare/newsletters/              mun   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /api/v1/incidents/{incident}/aftercare/newsletters/              reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /api/v1/incidents/{incident}/aftercare/newsletters/              own   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/incidents/{incident}/aftercare/newsletters/              mun   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/incidents/{incident}/aftercare/newsletters/              reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /api/v1/aftercare/newsletters/{newsletter}/                      own   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /api/v1/aftercare/newsletters/{newsletter}/                      mun   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /api/v1/aftercare/newsletters/{newsletter}/                      reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
PATCH  /api/v1/aftercare/newsletters/{newsletter}/                      own   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
PATCH  /api/v1/aftercare/newsletters/{newsletter}/                      mun   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
PATCH  /api/v1/aftercare/newsletters/{newsletter}/                      reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /api/v1/aftercare/newsletters/{newsletter}/send/                 own   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
POST   /api/v1/aftercare/newsletters/{newsletter}/send/                 mun   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
POST   /api/v1/aftercare/newsletters/{newsletter}/send/                 reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
# end part: letters
# part: people
GET    /incidenten/{incident}/nafase/inzet/                             own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/inzet/                             mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/inzet/                             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/nafase/inzet/                             own   302  403  403  400  400  400  403  403  403  403  403  403  403  400  400
POST   /incidenten/{incident}/nafase/inzet/                             mun   302  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /incidenten/{incident}/nafase/inzet/                             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  400
GET    /incidenten/{incident}/nafase/inzet/stand/                       own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/inzet/stand/                       mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/inzet/stand/                       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/nafase/inzet/afdrukken/                   own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/inzet/afdrukken/                   mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/inzet/afdrukken/                   reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /incidenten/{incident}/nafase/inzet/vastleggen/                  own   302  403  403  302  302  302  403  403  403  403  403  403  403  302  302
POST   /incidenten/{incident}/nafase/inzet/vastleggen/                  mun   302  403  403  403  403  302  403  403  403  403  403  403  403  302  302
POST   /incidenten/{incident}/nafase/inzet/vastleggen/                  reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  302
GET    /api/v1/incidents/{incident}/aftercare/deployments/              own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/aftercare/deployments/              mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/aftercare/deployments/              reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
POST   /api/v1/incidents/{incident}/aftercare/deployments/record/       own   403  403  403  400  400  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/incidents/{incident}/aftercare/deployments/record/       mun   403  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/incidents/{incident}/aftercare/deployments/record/       reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
POST   /api/v1/incidents/{incident}/aftercare/thanks/                   own   403  403  403  400  400  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/incidents/{incident}/aftercare/thanks/                   mun   403  403  403  403  403  400  403  403  403  403  403  403  403  400  400
POST   /api/v1/incidents/{incident}/aftercare/thanks/                   reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  400
# end part: people
# part: iac
GET    /incidenten/{incident}/nafase/iac/                               own   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/iac/                               mun   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/iac/                               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/nafase/iac/nieuw/                         own   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/iac/nieuw/                         mun   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/iac/nieuw/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/iac/nieuw/                         own   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/nieuw/                         mun   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/nieuw/                         reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/nafase/iac/vervolg/                       own   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/iac/vervolg/                       mun   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/iac/vervolg/                       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/nafase/iac/cijfers/                       own   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/iac/cijfers/                       mun   302  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /incidenten/{incident}/nafase/iac/cijfers/                       reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /incidenten/{incident}/nafase/iac/{iaccase}/                     own   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/iac/{iaccase}/                     mun   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/iac/{iaccase}/                     reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/nafase/iac/{iaccase}/bewerken/            own   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/iac/{iaccase}/bewerken/            mun   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/iac/{iaccase}/bewerken/            reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/bewerken/            own   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/bewerken/            mun   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/bewerken/            reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /incidenten/{incident}/nafase/iac/{iaccase}/print/               own   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/iac/{iaccase}/print/               mun   302  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /incidenten/{incident}/nafase/iac/{iaccase}/print/               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/vraag/               own   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/vraag/               mun   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/vraag/               reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/vraag/{question}/antwoord/ own   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/vraag/{question}/antwoord/ mun   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/vraag/{question}/antwoord/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/contact/             own   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/contact/             mun   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/contact/             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/vervolg/             own   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/vervolg/             mun   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/vervolg/             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/vervolg/{followup}/klaar/ own   302  403  403  403  403  403  403  403  403  403  403  302  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/vervolg/{followup}/klaar/ mun   302  403  403  403  403  403  403  403  403  403  403  302  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/vervolg/{followup}/klaar/ reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/verwijzing/          own   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/verwijzing/          mun   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/verwijzing/          reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/sluiten/             own   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/sluiten/             mun   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/sluiten/             reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/heropenen/           own   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/heropenen/           mun   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/heropenen/           reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/schade/              own   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/schade/              mun   302  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /incidenten/{incident}/nafase/iac/{iaccase}/schade/              reg   302  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /api/v1/incidents/{incident}/aftercare/iac/cases/                own   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /api/v1/incidents/{incident}/aftercare/iac/cases/                mun   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /api/v1/incidents/{incident}/aftercare/iac/cases/                reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /api/v1/incidents/{incident}/aftercare/iac/cases/                own   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/incidents/{incident}/aftercare/iac/cases/                mun   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/incidents/{incident}/aftercare/iac/cases/                reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
GET    /api/v1/incidents/{incident}/aftercare/iac/figures/              own   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/aftercare/iac/figures/              mun   403  200  200  200  200  200  200  200  200  200  200  200  200  200  200
GET    /api/v1/incidents/{incident}/aftercare/iac/figures/              reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  200
GET    /api/v1/aftercare/iac/cases/{iaccase}/                           own   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /api/v1/aftercare/iac/cases/{iaccase}/                           mun   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
GET    /api/v1/aftercare/iac/cases/{iaccase}/                           reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
PATCH  /api/v1/aftercare/iac/cases/{iaccase}/                           own   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
PATCH  /api/v1/aftercare/iac/cases/{iaccase}/                           mun   403  403  403  403  403  403  403  403  403  403  403  200  403  403  403
PATCH  /api/v1/aftercare/iac/cases/{iaccase}/                           reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/questions/                 own   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/questions/                 mun   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/questions/                 reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/contacts/                  own   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/contacts/                  mun   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/contacts/                  reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/follow-ups/                own   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/follow-ups/                mun   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/follow-ups/                reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/referrals/                 own   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/referrals/                 mun   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/referrals/                 reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/close/                     own   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/close/                     mun   403  403  403  403  403  403  403  403  403  403  403  400  403  403  403
POST   /api/v1/aftercare/iac/cases/{iaccase}/close/                     reg   403  404  404  404  404  404  404  404  404  404  404  404  404  404  403
# end part: iac
""")


def test_every_role_gets_what_the_matrix_says(matrix: Matrix) -> None:
    check(matrix, MATRIX)
