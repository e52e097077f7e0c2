"""The matching engine: an index of registered persons, queried one inquiry at a time or
searched for duplicates.

Scoring follows Fellegi–Sunter: every field comparison lands on a level (exact, known
nickname, typo, different, missing…) with a weight, the log2 of how much likelier that level
is for the same person than for two different people. Exact name agreement is weighed by how
common the name is in the index (agreeing on "Jansen" says less than on "Oosterhuis"). A reason
in words goes with each level. The sum is the score.

Two profiles (Model): the *registry* profile, the default, has fixed weights written for
registrations made in haste (DEFAULT_WEIGHTS) and household rules. A candidate is a *match*
only with agreement on given name, surname and date of birth (or, for a partial date, an
agreeing address or phone) and a score over the match threshold; otherwise it is *possible*
when the score passes POSSIBLE_SCORE. Family awareness falls out of the levels: a sibling or
twin at the same address disagrees on the given name, a junior named after a parent on the year
of birth, and either disagreement rules out a match. An inquiry that gives only the year of
birth is a match when names and year agree, the score is at most PARTIAL_DATE_RELIEF short and
no other candidate comes within RIVAL_GAP; two candidates that both pass are both "possible"
unless one leads by RIVAL_GAP. Fewer than FILL candidates over POSSIBLE_SCORE: the best weaker
ones fill the list up to FILL. `rematch` (rematch.py) re-matches open inquiries, held in an
index of their own, when a person arrives or changes. The *linkage* profile, for lists of
unrelated people, has no household rules; `Index.calibrate` estimates its weights from the data
without labels, and a match is a posterior probability over one half.
"""

from __future__ import annotations

from oranje.matching.engine.compare import (
    FIELDS,
    REASON_ORDER,
    STRONG_NAME,
    Comparison,
    Level,
    compare,
    compare_address,
    compare_birth,
    compare_city,
    compare_given,
    compare_id_number,
    compare_phone,
    compare_sex,
    compare_surname,
)
from oranje.matching.engine.duplicates import find_duplicates, match_pairs
from oranje.matching.engine.index import Index
from oranje.matching.engine.model import (
    DEFAULT_TF_M,
    DEFAULT_WEIGHTS,
    FILL,
    LARGE_INDEX,
    LEVELS,
    LINKAGE,
    MATCH_MARGIN,
    MAX_POSTING,
    MIN_MATCH_SCORE,
    MIN_SESSION_PAIRS,
    PARTIAL_DATE_RELIEF,
    POSSIBLE_SCORE,
    PRIOR_PAIRS,
    PRIOR_RECORDS,
    REGISTRY,
    RIVAL_GAP,
    SESSIONS,
    SMALL_POSTING,
    SWAP_PENALTY,
    TF_CAP,
    TOP,
    TYPICAL_FREQUENCY,
    Model,
)
from oranje.matching.engine.records import Candidate, Prepared, Record, prepare
from oranje.matching.engine.rematch import Rematch, rematch
from oranje.matching.engine.training import expectation_maximisation

__all__ = [
    "DEFAULT_TF_M",
    "DEFAULT_WEIGHTS",
    "FIELDS",
    "FILL",
    "LARGE_INDEX",
    "LEVELS",
    "LINKAGE",
    "MATCH_MARGIN",
    "MAX_POSTING",
    "MIN_MATCH_SCORE",
    "MIN_SESSION_PAIRS",
    "PARTIAL_DATE_RELIEF",
    "POSSIBLE_SCORE",
    "PRIOR_PAIRS",
    "PRIOR_RECORDS",
    "REASON_ORDER",
    "REGISTRY",
    "RIVAL_GAP",
    "SESSIONS",
    "SMALL_POSTING",
    "STRONG_NAME",
    "SWAP_PENALTY",
    "TF_CAP",
    "TOP",
    "TYPICAL_FREQUENCY",
    "Candidate",
    "Comparison",
    "Index",
    "Level",
    "Model",
    "Prepared",
    "Record",
    "Rematch",
    "compare",
    "compare_address",
    "compare_birth",
    "compare_city",
    "compare_given",
    "compare_id_number",
    "compare_phone",
    "compare_sex",
    "compare_surname",
    "expectation_maximisation",
    "find_duplicates",
    "match_pairs",
    "prepare",
    "rematch",
]
