"""The scoring model: thresholds, default weights per level, the registry and linkage profiles."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

#: Evidence (in bits) a match needs beyond the prior: among N registered people the prior odds
#: that a given one is the person asked about are about 1/N, so the threshold is log2(N) plus
#: this margin (posterior odds of at least 2^5.5, about 45 to 1). At least MIN_MATCH_SCORE.
MATCH_MARGIN = 5.5
MIN_MATCH_SCORE = 16.0
POSSIBLE_SCORE = 4.0
#: A query returns at least this many candidates when blocking found them, the weaker ones
#: (under POSSIBLE_SCORE) filling up the list: a registered person whose inquiry was written
#: with little or wrong detail still lands among the first five an operator sees.
FILL = 5
#: An inquiry that gives only the year of birth can still be a match: given name and
#: surname agree, the year agrees, the score is at most this short of the match threshold,
#: and no other candidate comes within RIVAL_GAP of it (posterior odds of 2^RIVAL_GAP to one
#: against the runner-up). Measured on the Dutch synthetic set (bench.matching dutch, six
#: seeds): 0.5 keeps match precision over 0.999 and matches on people not registered under
#: 1 in 500 on every seed; 1.0 misses the latter on one seed in six.
PARTIAL_DATE_RELIEF = 0.5
RIVAL_GAP = 5.5
#: A blocking key shared by more records than this is too common to be useful: the other keys
#: of the same record find its true matches, and skipping it keeps queries fast at 1M records.
MAX_POSTING = 600
#: Members of a block up to this size are always scored; members of a larger block only when
#: they share a second key with the inquiry (a common surname and birth year alone is not
#: enough to be worth scoring against a million people).
SMALL_POSTING = 40
#: From this many records on, only blocks up to SMALL_POSTING are scored whole; below it the
#: limit rises in proportion to LARGE_INDEX / size, to MAX_POSTING (at about 6,700 records).
LARGE_INDEX = 100_000
TOP = 10
#: Reading the names the other way round ("Tschirn Kale") is a little weaker evidence.
SWAP_PENALTY = 1.0


# Weights are log2(m/u): m the chance of a level for one person registered twice, u for two
# different people. The defaults below are written for registrations made in haste and
# inquiries from relatives; `Index.calibrate` estimates them from the data at hand instead
# (u from random pairs, m by expectation–maximisation over the candidate pairs, no labels).
# Levels that agree on a name take their u from how common that name is in the index, so
# agreeing on "Jansen" says less than agreeing on "Oosterhuis": the model holds their m.

DEFAULT_WEIGHTS: dict[tuple[str, str], float] = {
    ("given", "nickname"): 6.0,
    ("given", "other_name"): 4.5,
    ("given", "typo"): 4.0,
    ("given", "typo_short"): 2.5,
    ("given", "similar"): 0.0,
    ("given", "different"): -7.0,
    ("given", "initials"): 2.0,
    ("given", "initials_different"): -4.0,
    ("surname", "phonetic"): 6.0,
    ("surname", "typo"): 5.0,
    ("surname", "similar"): 1.5,
    ("surname", "different"): -4.5,
    ("birth", "exact"): 10.0,
    ("birth", "swapped"): 7.0,
    ("birth", "digit"): 6.0,
    ("birth", "digit_decade"): 1.0,
    ("birth", "month"): 1.0,
    ("birth", "year"): -2.0,
    ("birth", "generation"): -12.0,
    ("birth", "different"): -9.0,
    ("birth", "year_only"): 4.0,
    ("birth", "year_near"): 0.0,
    ("birth", "year_different"): -7.0,
    ("address", "exact"): 5.0,
    ("address", "postcode"): 2.0,
    ("address", "street"): 4.0,
    ("address", "different"): -1.0,
    ("city", "exact"): 2.0,
    ("city", "typo"): 1.0,
    ("city", "different"): -1.0,
    ("id_number", "exact"): 14.0,
    ("id_number", "typo"): 5.0,
    ("id_number", "different"): -8.0,
    ("phone", "exact"): 7.0,
    ("phone", "different"): 0.0,
    ("sex", "same"): 0.5,
    ("sex", "different"): -5.0,
}
#: m of the levels weighed by name frequency. A prefix given differently or left out, or only
#: half of a double name, is a little weaker evidence than the whole name.
DEFAULT_TF_M: dict[tuple[str, str], float] = {
    ("given", "exact"): 0.85,
    ("surname", "exact"): 0.9,
    ("surname", "prefix"): 0.9 * 2**-0.75,
    ("surname", "part"): 0.9 * 2**-2.5,
}
#: Name frequencies are blended with a typical one, as if PRIOR_RECORDS more people had been
#: seen, so that a small registry in which three of four people are called Berg does not
#: conclude that Berg is the commonest name there is.
PRIOR_RECORDS = 1000
TYPICAL_FREQUENCY = {"given": 0.004, "surname": 0.001}
TF_CAP = {"given": 9.0, "surname": 13.0}


@dataclass(frozen=True)
class Model:
    """The weight of every comparison level and the rule that turns a score into a decision.

    `families` switches on the household rules (see `Index._decide`): right for a registry of
    people who fled their homes together, wrong for a list of unrelated people. `prior` is the
    log2 odds that two people picked at random are one person; None means one in the size of
    the index (every inquiry is about somebody). A match needs a score of at least
    `margin` - `prior`, and never less than `min_score`.
    """

    weights: dict[tuple[str, str], float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    tf_m: dict[tuple[str, str], float] = field(default_factory=lambda: dict(DEFAULT_TF_M))
    families: bool = True
    prior: float | None = None
    margin: float = MATCH_MARGIN
    min_score: float = MIN_MATCH_SCORE
    #: What the estimation saw: for reports.
    estimated_from: str = ""

    def with_m(
        self,
        m: dict[str, dict[str, float]],
        u: dict[str, dict[str, float]],
        *,
        estimated_from: str,
    ) -> Model:
        """This model with the weights that the estimated m (per field, per level) give."""
        weights = dict(self.weights)
        tf_m = dict(self.tf_m)
        for f, levels in m.items():
            for level, m_level in levels.items():
                if (f, level) in tf_m:
                    tf_m[(f, level)] = m_level
                else:
                    weights[(f, level)] = max(-20.0, min(20.0, math.log2(m_level / u[f][level])))
        return replace(self, weights=weights, tf_m=tf_m, estimated_from=estimated_from)


#: A registry of people who fled their homes together: the household rules, the weights
#: above, and "match" only at posterior odds of about 45 to 1 (an inquiry's answer may be
#: read out to a mother).
REGISTRY = Model()
#: Lists of unrelated people (FEBRL, or two registries to link): no household rules, and
#: "match" at even posterior odds, as Splink's and recordlinkage's classifiers do. Its weights
#: are meant to be estimated with `Index.calibrate`.
LINKAGE = Model(families=False, margin=0.0, min_score=0.0)

#: Every level that has a weight.
LEVELS = (*DEFAULT_WEIGHTS, *DEFAULT_TF_M)
#: Estimation sessions: the blocking keys that choose the pairs (by their first letter), the
#: fields those keys make agree (left out of that session), and the fields whose m the
#: session estimates. Pairs sharing a date of birth say how names and addresses of one person
#: differ; pairs sharing a surname and an initial say how the dates do; pairs sharing an
#: address stand in where dates are scarce.
SESSIONS = (
    ("d", {"birth"}, ("given", "surname", "address", "city", "id_number", "phone", "sex")),
    ("i", {"surname", "given"}, ("birth", "address", "city", "id_number", "phone", "sex")),
    ("p", {"address", "city"}, ("given", "surname", "birth")),
)
MIN_SESSION_PAIRS = 200
PRIOR_PAIRS = 10.0
