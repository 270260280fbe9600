"""Conflicts two reports state in other words: a plan against its outcome, another person in
one role, and the candidates that reach them.

The sentences are real news sentences (FNC-1 train bodies and Reuters-21578 stories that
are not in the comparison dev set); where a test needs the other side of a conflict that no
corpus holds, it changes one name of a real sentence and says so.
"""

from __future__ import annotations

import numpy as np

from claimdiff.base.model import Claim, MatchSettings
from claimdiff.match.compare import judge_settings
from claimdiff.match.conflict_candidates import CONFLICT_PER_CLAIM, conflict_pairs
from claimdiff.match.contradiction import modality_conflict, person_conflict, role_holders
from claimdiff.match.judge import Evidence, Statement, decide

# FNC-1 train bodies 1463 and 1435 (one story: an Apple media event in February).
EVENT_PLANNED = (
    "Apple may be planning to hold a media event in late February to showcase the final "
    "version of its upcoming Apple Watch, and also debut a newly redesigned MacBook Air."
)
EVENT_DENIED = (
    "Update 12:23 PM: Sources speaking to 9to5Mac have indicated Apple will not be holding "
    "a late February media event."
)
# FNC-1 train bodies 1048 and 2152 (Amazon and an ad-supported streaming service).
STREAMING_PLANNED = (
    "Amazon is reportedly planning to launch an ad-supported media streaming service for "
    "music and videos, the New York Post reports."
)
STREAMING_DENIED = (
    'Update: Amazon told us it has "not announced any plans to offer an ad-supported video '
    'streaming service."'
)


def test_a_plan_against_its_denied_outcome_is_a_modality_conflict() -> None:
    found = modality_conflict(EVENT_PLANNED, EVENT_DENIED)
    assert found is not None and found[0] == "modality"
    assert "'planning to'" in found[1] and "'will not'" in found[1]
    assert modality_conflict(EVENT_DENIED, EVENT_PLANNED) is not None  # either side
    found = modality_conflict(STREAMING_PLANNED, STREAMING_DENIED)
    assert found is not None and "'not announced any plans'" in found[1]


def test_a_plan_undone_needs_the_planned_thing_named_after_both_cues() -> None:
    # Reuters 706 / 733: one company, one day; "will have a news release" is not what it
    # rejected (the proposal), so this is no plan against its outcome.
    release = (
        "Rospatch Corp said it will have a news release later in response to today's "
        "acquisition bid by Diagnostic Retrieval Systems Inc for 22 dlrs a share."
    )
    rejected = (
        "Rospatch Corp said it rejected a proposal by Diagnostic Retrieval Systems Inc to "
        "acquire its stock at 22 dlrs a share."
    )
    assert modality_conflict(release, rejected) is None


def test_modality_traps_of_one_story_stay_unlinked() -> None:
    # FNC-1 train 1277 / 1585: a date put off, not a plan denied.
    assert (
        modality_conflict(
            "The Apple Watch won't be released until early 2015, so we expect to learn more "
            "about it over the next several months.",
            "The Apple Watch is scheduled to go on sale in early 2015.",
        )
        is None
    )
    # FNC-1 train 168 / 2187: the subject's name after both cues is no planned thing.
    assert (
        modality_conflict(
            "Although this is admittedly much, much lower than my estimate, it still "
            "illustrates my point that the Apple Watch Edition is not going to be cheap.",
            "The most expensive Apple Watch set to go on sale in April will have to cost "
            "around $10,000, according to analysis done by the timepiece blog Grail Watch.",
        )
        is None
    )
    # FNC-1 train 722 / 978: a negated plan ("isn't set to") is no plan.
    assert (
        modality_conflict(
            "Another report from Asia this week claims that production on the Apple Watch "
            "isn't set to start at manufacturing partner Quanta until sometime in January.",
            "According to a news source from Taiwan, the mass production stage of the Apple "
            "Watch will not begin until January.",
        )
        is None
    )
    # A bare "will" is no announced plan: one hoax's two sentences (FNC-1 train 1848).
    assert (
        modality_conflict(
            "They are implementing scales at the from of every register just like the one in "
            "the photo below, and customers will have to stand on the scales before ordering.",
            "You must stand on them when ordering or you will not be served.",
        )
        is None
    )


# Reuters 4609 (real); the second names Ecuador's minister of reuters 5118 in the
# Venezuelan minister's place: the one change that makes it another person in one role.
MINISTER = (
    "Venezuela will lend Ecuador 50,000 barrels per day of crude oil over the next few months "
    "to help it meet its export commitments, Energy and Mines Minister Arturo Hernandez "
    "Grisanti said today."
)


def test_another_person_in_the_same_role_is_a_person_conflict() -> None:
    other = MINISTER.replace("Arturo Hernandez Grisanti", "Javier Espinosa")
    found = person_conflict(MINISTER, other)
    assert found is not None and found[0] == "person"
    assert "Arturo Hernandez Grisanti" in found[1] and "Javier Espinosa" in found[1]
    holders = role_holders("However, Pentagon spokesman Col. Steve Warren did later say")
    assert [(h.role, h.name) for h in holders] == [("spokesman", "Steve Warren")]
    assert role_holders("Steve Warren, a Pentagon spokesman, said")[0].name == "Warren"


def test_person_traps_two_roles_or_one_person_stay_unlinked() -> None:
    # Reuters 5118: Ecuador's minister of the same title is another role.
    ecuador = (
        "Venezuela will lend Ecuador up to 12.5 mln barrels of crude oil to help it meet its "
        "export commitments and its domestic energy demand, Ecuadorean Energy and Mines "
        "Minister Javier Espinosa said today in a statement."
    )
    assert person_conflict(MINISTER, ecuador) is None
    # Reuters 898 / 2257: two countries' finance ministers.
    assert (
        person_conflict(
            "Singapore's Finance Minister Richard Hu is expected to announce a neutral budget "
            "tomorrow with no major tax changes for the 1987/88 year starting April 1.",
            "Chairman Rene Geronimus told a news conference the share offer price, expected "
            "to be announced tomorrow by Finance Minister Edouard Balladur, would be between "
            "110 and 130 francs.",
        )
        is None
    )
    # One person, written with and without the first name (Reuters 4039 / 4609).
    shorter = MINISTER.replace("Arturo Hernandez Grisanti", "Hernandez Grisanti")
    assert person_conflict(MINISTER, shorter) is None


def test_the_judge_links_a_modality_conflict_but_never_a_same_claim() -> None:
    settings = judge_settings(MatchSettings())
    far = Evidence({"lexical": 0.3, "semantic": 0.4})
    verdict = decide(Statement(EVENT_PLANNED), Statement(EVENT_DENIED), far, settings)
    assert (verdict.relation, verdict.conflict_type) == ("conflicting", "modality")
    same = decide(Statement(EVENT_PLANNED), Statement(EVENT_PLANNED), far, settings)
    assert same.relation != "conflicting"


def _claims(article_id: str, sentences: list[str]) -> list[Claim]:
    claims, start = [], 0
    for n, text in enumerate(sentences):
        claims.append(Claim(f"{article_id}:c{n}", article_id, text, start, start + len(text)))
        start += len(text) + 1
    return claims


def test_cued_claims_reach_partners_far_apart_by_meaning_and_stay_few() -> None:
    filler = [
        f"Shares of company number {n} rose in heavy trading on {n} March." for n in range(30)
    ]
    left = _claims("a", [EVENT_PLANNED, *filler])
    right = _claims("b", [*filler[::-1], EVENT_DENIED])
    far = np.zeros((len(left), len(right)), dtype=np.float32)  # nothing near by meaning
    found = conflict_pairs(far, left, right)
    assert (0, len(right) - 1) in found
    cued = sum(1 for c in [*left, *right] if "plan" in c.text or "will" in c.text)
    assert len(found) <= 2 * CONFLICT_PER_CLAIM * cued
