"""Grouping recurring findings (pure, no database): the same finding in different words is
one pattern, different findings stay apart, the process and kind fence the comparison unless
two findings of one kind concern the same norm (then fewer shared words link them, across
processes too), and a pattern's key does not change between rebuilds."""

from __future__ import annotations

import random

from oranje.learning.patterns import (
    MIN_SHARED,
    SIMILAR,
    SIMILAR_NORM,
    Group,
    Item,
    group_findings,
    pattern_key,
)
from oranje.learning.tests.patterns_world import LATE_MESSAGE, OTHER


def _item(pk: int, text: str, **extra: object) -> Item:
    values: dict[str, object] = {
        "process": "communication",
        "kind": "improve",
        "norm_code": "",
        "occasion": f"i{pk}",
        "region_id": pk,
    }
    values.update(extra)
    return Item(pk=pk, text=text, **values)  # type: ignore[arg-type]


def test_the_same_finding_in_other_words_is_one_pattern_and_others_stay_apart() -> None:
    items = [_item(n + 1, t) for n, t in enumerate([*LATE_MESSAGE, *OTHER])]
    groups = group_findings(items)
    assert [g.finding_pks for g in groups] == [[1, 2, 3], [4], [5]]
    late = groups[0]
    assert late.incident_count == 3 and late.region_count == 3
    assert late.label == "Het eerste publieksbericht kwam pas na vijftig minuten"
    assert {"publieksbericht", "eerste"} <= set(late.terms)


def test_a_finding_of_another_process_or_kind_is_never_in_the_same_pattern() -> None:
    items = [
        _item(1, LATE_MESSAGE[0]),
        _item(2, LATE_MESSAGE[0], process="shelter"),
        _item(3, LATE_MESSAGE[0], kind="well"),
    ]
    assert sorted(g.finding_pks for g in group_findings(items)) == [[1], [2], [3]]


def test_a_shared_norm_links_findings_with_fewer_words_in_common() -> None:
    a = "Het eerste publieksbericht kwam laat bij de gasstoring."
    b = "Eerste bericht aan inwoners kwam laat, pas via radio."
    alone = group_findings([_item(1, a), _item(2, b)])
    assert len(alone) == 2
    normed = group_findings([_item(1, a, norm_code="COM-1"), _item(2, b, norm_code="COM-1")])
    assert [g.finding_pks for g in normed] == [[1, 2]]
    assert normed[0].norm_code == "COM-1"


def test_the_same_norm_links_findings_of_one_kind_across_processes() -> None:
    a = "De CPG kwam niet binnen het uur op de oproep af."
    b = "Oproep van de CPG: pas na twee uur ter plaatse."
    norm = {"norm_code": "CPG-1"}
    items = [
        _item(1, a, process="organisation", **norm),
        _item(2, b, process="alerting", **norm),
        # the same norm but what went well: another kind, never with these
        _item(3, b, process="alerting", kind="well", **norm),
        # the same norm and kind, one word in common: chance, not a pattern
        _item(4, "Geen CPG in de vakantieweek.", process="shelter", **norm),
        # the same words without the norm: the process still fences it off
        _item(5, b, process="shelter"),
    ]
    groups = group_findings(items)
    assert sorted(g.finding_pks for g in groups) == [[1, 2], [3], [4], [5]]
    linked = next(g for g in groups if g.finding_pks == [1, 2])
    assert (linked.process, linked.norm_code) == ("organisation", "CPG-1")
    assert linked.incident_count == 2 and "cpg" in linked.terms
    # Another norm: apart again.
    other = group_findings(
        [_item(1, a, process="organisation", **norm), _item(2, b, process="alerting")]
    )
    assert sorted(g.finding_pks for g in other) == [[1], [2]]


def test_two_findings_of_one_incident_count_as_one_occasion() -> None:
    items = [_item(1, LATE_MESSAGE[0], occasion="i9"), _item(2, LATE_MESSAGE[2], occasion="i9")]
    (group,) = group_findings(items)
    assert group.finding_count == 2 and group.incident_count == 1


def test_words_found_in_most_processes_say_where_not_what() -> None:
    """ "Bij de brand in Haarlem" in every process does not make two findings alike."""
    processes = ["communication", "shelter", "victims", "damage", "advice", "aftercare"]
    items = [
        _item(n + 1, f"Bij de brand in Haarlem: {what}", process=p)
        for n, (p, what) in enumerate(
            zip(
                processes,
                [
                    "Website verouderd.",
                    "Veldbedden op.",
                    "Registratie traag.",
                    "Formulier kwijt.",
                    "Advies laat.",
                    "IAC dicht.",
                ],
                strict=True,
            )
        )
    ]
    items += [
        _item(7, "Bij de brand in Haarlem: de website was verouderd."),
        _item(8, "Bij de brand in Haarlem: sociale media niet gevolgd."),
    ]
    groups = group_findings(items)
    assert [8] in [g.finding_pks for g in groups]
    assert [1, 7] in [g.finding_pks for g in groups]


def test_a_finding_without_meaningful_words_is_a_pattern_of_one() -> None:
    groups = group_findings([_item(1, "Het was er niet."), _item(2, "Het was er niet.")])
    assert sorted(g.finding_pks for g in groups) == [[1], [2]]


def test_the_key_follows_the_lowest_finding_whatever_the_order() -> None:
    items = [_item(n + 1, t) for n, t in enumerate(LATE_MESSAGE)]
    random.Random(4).shuffle(items)
    (group,) = group_findings(items)
    assert group.key == pattern_key(1) and len(group.key) == 32


def test_prefix_filtering_finds_every_link_all_pairs_would() -> None:
    """Against a brute force over all pairs, on random sets of words (one block, so no
    word counts as context)."""
    from oranje.learning import text

    rng = random.Random(7)
    vocabulary = [f"woord{n}" for n in range(40)]
    texts = [" ".join(rng.sample(vocabulary, rng.randint(1, 7))) for _ in range(150)]
    groups = group_findings([_item(n + 1, t) for n, t in enumerate(texts)])
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    sets = [text.terms(t) for t in texts]
    for i in range(len(texts)):
        for j in range(i):
            shared = len(sets[i] & sets[j])
            alike = shared >= MIN_SHARED and shared / len(sets[i] | sets[j]) >= SIMILAR
            if alike or (sets[i] and sets[i] == sets[j]):
                parent[find(i)] = find(j)
    brute: dict[int, list[int]] = {}
    for i in range(len(texts)):
        brute.setdefault(find(i), []).append(i + 1)
    assert sorted(g.finding_pks for g in groups) == sorted(brute.values())


def test_prefix_filtering_across_processes_finds_every_same_norm_link() -> None:
    """Against a brute force over all pairs: random words, three processes, two kinds and
    three norms (or none), so both rules and their chains are exercised."""
    from oranje.learning import text

    rng = random.Random(11)
    vocabulary = [f"woord{n}" for n in range(30)]
    items = []
    for n in range(200):
        items.append(
            _item(
                n + 1,
                " ".join(rng.sample(vocabulary, rng.randint(1, 6))),
                process=rng.choice(["communication", "shelter", "alerting"]),
                kind=rng.choice(["improve", "well"]),
                norm_code=rng.choice(["", "N-1", "N-2", "N-3"]),
            )
        )
    groups = group_findings(items)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    sets = [text.terms(i.text) for i in items]
    for i, a in enumerate(items):
        for j in range(i):
            b = items[j]
            if a.kind != b.kind:
                continue
            shared = len(sets[i] & sets[j])
            jaccard = shared / len(sets[i] | sets[j]) if sets[i] | sets[j] else 0.0
            block = a.process == b.process
            alike = block and shared >= MIN_SHARED and jaccard >= SIMILAR
            same = block and bool(sets[i]) and sets[i] == sets[j]
            normed = (
                bool(a.norm_code)
                and a.norm_code == b.norm_code
                and shared >= MIN_SHARED
                and jaccard >= SIMILAR_NORM
            )
            if alike or same or normed:
                parent[find(i)] = find(j)
    brute: dict[int, list[int]] = {}
    for i in range(len(items)):
        brute.setdefault(find(i), []).append(i + 1)
    assert sorted(g.finding_pks for g in groups) == sorted(brute.values())
    assert any(len({items[pk - 1].process for pk in g.finding_pks}) > 1 for g in groups)


#: The demo's findings as a newcomer found them (Velsen-Noord, Haarlem, Heemskerk, Gouda).
DEMO = [
    (
        "communication",
        "improve",
        "Eerste publieksbericht te laat: pas na 45 minuten online; omwonenden hoorden het eerst via sociale media.",
        "i3",
        12,
    ),
    (
        "advice",
        "well",
        "De omgevingsanalyse gaf het crisisteam een goed beeld van de onrust in de wijk.",
        "i3",
        12,
    ),
    (
        "organisation",
        "improve",
        "Zachte piket in de vakantie: de CPG kwam niet op de oproep af.",
        "i3",
        12,
    ),
    (
        "shelter",
        "improve",
        "Adressen van verminderd zelfredzamen waren pas na een uur bekend; geen vaste afspraak met de thuiszorg.",
        "i2",
        12,
    ),
    (
        "communication",
        "improve",
        "Eerste publieksbericht te laat: pas na 50 minuten, de woordvoerder wachtte op de brandweer.",
        "i2",
        12,
    ),
    (
        "victims",
        "well",
        "De registratie van de bewoners in de opvang liep vanaf het eerste uur goed.",
        "i2",
        12,
    ),
    (
        "organisation",
        "improve",
        "Zachte piket in de vakantie: twee CPG's kwamen niet, vervanging moest worden gezocht.",
        "i2",
        12,
    ),
    (
        "shelter",
        "improve",
        "Lijst van verminderd zelfredzame bewoners niet beschikbaar; thuiszorg leverde adressen pas na ruim een uur.",
        "e2",
        16,
    ),
    (
        "communication",
        "improve",
        "Eerste publieksbericht te laat, pas na 48 minuten, door afstemming met de partners.",
        "e2",
        16,
    ),
    (
        "organisation",
        "improve",
        "Zachte piket in de vakantie: te weinig mensen kwamen op de oproep af.",
        "e2",
        16,
    ),
    (
        "readiness",
        "well",
        "De onaangekondigde oproep met een opdracht van een uur liet zien wie kon improviseren.",
        "e2",
        16,
    ),
    (
        "advice",
        "well",
        "De vraag 'moet de overheid hier iets doen?' is binnen tien minuten gesteld en beantwoord: het duurt dagen, het is januari, er wordt vorst verwacht.",
        "i1",
        12,
    ),
    (
        "communication",
        "well",
        "Het eerste publieksbericht stond binnen een kwartier op de website en sociale media, met oorzaak, gebied en het advies elektrisch te verwarmen.",
        "i1",
        12,
    ),
    (
        "shelter",
        "well",
        "Bewoners werd gevraagd eerst zelf een oplossing te zoeken bij familie of buren; een opvanglocatie bleek niet nodig.",
        "i1",
        12,
    ),
    (
        "shelter",
        "improve",
        "Het duurde 47 minuten voordat de adressen van verminderd zelfredzamen bekend waren: er was vooraf geen afspraak met wijkteam en thuiszorg over het aanleveren.",
        "i1",
        12,
    ),
    (
        "communication",
        "improve",
        "Bewoners zonder internet hoorden laat wat ze moesten doen; het informatienummer kreeg in het eerste uur 140 vragen over koken en verwarmen.",
        "i1",
        12,
    ),
    (
        "advice",
        "well",
        "Het besluit over het informatiepunt in De Stek was helder onderbouwd en meteen gecommuniceerd.",
        "i1",
        12,
    ),
]


def test_a_pattern_of_few_findings_survives_one_more_finding() -> None:
    """With few processes in use, ordinary words ("pas", "minuten") are no context: one more
    finding that uses them does not split the late first message seen three times."""
    items = [Item(n, p, k, t, "", o, r) for n, (p, k, t, o, r) in enumerate(DEMO, start=1)]

    def late_message(found: list[Group]) -> int:
        return max(
            g.finding_count for g in found if (g.process, g.kind) == ("communication", "improve")
        )

    assert late_message(group_findings(items)) == 3
    more = Item(
        99,
        "organisation",
        "improve",
        "De OvD-BZ was pas na 26 minuten ter plaatse; de piketpool was om half negen 's avonds slecht bereikbaar.",
        "",
        "i1",
        12,
    )
    assert late_message(group_findings([*items, more])) == 3
