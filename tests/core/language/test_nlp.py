"""The shared linguistic pipeline: the shipped spaCy model loads offline, gives sentences,
parse and entities with offsets into the text, is parsed once per text, and its absence
degrades to rule-based sentences with a notice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from claimdiff.language import nlp
from claimdiff.language.reflow import reflow

TEXT = (
    "Nancy Pelosi, D-Calif., said on Tuesday that Trump Jr.'s lawyer won't attend. "
    '"It\'s destructive," Rice said.'
)


def test_shipped_pipeline_parses_sentences_entities_and_offsets() -> None:
    doc = nlp.parse(TEXT)
    assert nlp.available() and nlp.notice() is None
    assert [s.text for s in doc.sents] == [
        "Nancy Pelosi, D-Calif., said on Tuesday that Trump Jr.'s lawyer won't attend.",
        '"It\'s destructive," Rice said.',
    ]
    people = {e.text for e in doc.ents if e.label_ == "PERSON"}
    assert {"Nancy Pelosi", "Rice"} <= people
    said = [t for t in doc if t.lemma_ == "say"]
    assert said and all(TEXT[t.idx : t.idx + len(t)] == t.text for t in doc)
    assert said[0].head == said[0] or said[0].dep_ == "ROOT"


def test_a_text_is_parsed_once() -> None:
    assert nlp.parse(TEXT) is nlp.parse(TEXT)
    docs = list(nlp.parse_many(["One sentence here.", TEXT]))
    assert docs[1] is nlp.parse(TEXT)


def test_describe_names_the_loaded_pipeline() -> None:
    described = nlp.describe()
    assert described["name"].startswith("en_core_web_sm")
    assert described["version"].startswith("3.")


def test_a_missing_pipeline_degrades_to_rule_sentences_with_a_notice() -> None:
    code = (
        "from claimdiff.language import nlp\n"
        "doc = nlp.parse('The envoy spoke. Talks stalled on Friday.')\n"
        "print(len(list(doc.sents)), nlp.available(), len(doc.ents))\n"
        "print(nlp.notice())\n"
    )
    env = {"CLAIMDIFF_SPACY_MODEL": "no_such_pipeline_xx", "PATH": ""}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.splitlines()
    assert out[0] == "2 False 0"
    assert "no English spaCy pipeline" in out[1] and "no_such_pipeline_xx" in out[1]


def test_the_command_line_says_when_claims_were_found_without_the_pipeline(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The envoy said on Friday that the talks had stalled.\n", encoding="utf-8")
    env = {"CLAIMDIFF_SPACY_MODEL": "no_such_pipeline_xx", "PATH": "", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "claimdiff", "claims", str(article), "--backend", "lexical"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    warnings = [ln for ln in done.stderr.splitlines() if "no English spaCy pipeline" in ln]
    assert len(warnings) == 1 and warnings[0].startswith("claimdiff: warning: ")
    assert nlp.fallback_notice() is None  # this process has the shipped pipeline


def test_entities_read_from_tags_equal_spacys_own() -> None:
    """entity_of / entities_in give what doc.ents and span.ents give, without rebuilding them."""
    text = (
        "Senator Dick Durbin of Illinois met Angela Merkel in Berlin on Tuesday. "
        "The European Union said $3.5 billion would go to NATO and the United Nations."
    )
    doc = nlp.parse(text)
    for sentence in doc.sents:
        ours = [(e.start, e.end, e.label_) for e in nlp.entities_in(sentence)]
        assert ours == [(e.start, e.end, e.label_) for e in sentence.ents]
    for token in doc:
        found = nlp.entity_of(token)
        theirs = next((e for e in doc.ents if e.start <= token.i < e.end), None)
        if theirs is None:
            assert found is None
        else:
            assert (found.start, found.end, found.label_) == (
                theirs.start,
                theirs.end,
                theirs.label_,
            )


def test_the_attribute_rules_give_the_rulers_own_tokens(seeds_dir: Path) -> None:
    """Answered per distinct token, the attribute ruler's rules set exactly what its Matcher
    sets: tags, parts of speech, morphology and lemmas, on real articles and on the
    two-token rules ("ain't", "gonna"); so do the lemmatizer's lemmas answered per distinct
    token (claimdiff.language.lemmas)."""
    import spacy

    fast = nlp.pipeline()
    assert fast.get_pipe("attribute_ruler").match.__self__.__class__.__name__ == "_Rules"
    assert fast.get_pipe("lemmatizer").pipe.__self__.__class__.__name__ == "_Lemmas"
    name = f"{fast.meta['lang']}_{fast.meta['name']}"
    plain = spacy.load(name)
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    texts.append("I ain't gonna say it, but we're gonna win. He isn't. She's been there.")
    # Every two-token rule, at the start, inside and at the end of a piece.
    texts.append(
        "There is a risk, and there were many. Let's go, y'all: I gotta see it. C'mon now. "
        "It's nothin' but there's hope, as there are ways. Gonna"
    )
    compared = 0
    for text in texts:
        pieces = list(nlp._pieces(reflow(text)))
        # nlp.pipe (the import's path, where the lemmatizer answers per distinct token too)
        # and nlp() (a single text's) against spaCy's own components.
        for ours, alone, piece in zip(fast.pipe(pieces), map(fast, pieces), pieces, strict=True):
            theirs = [_token(t) for t in plain(piece)]
            assert [_token(t) for t in ours] == theirs
            assert [_token(t) for t in alone] == theirs
            compared += len(ours)
    assert compared > 2_000


def _token(token: Any) -> tuple[str, ...]:
    return (token.text, token.tag_, token.pos_, str(token.morph), token.lemma_, token.dep_)


def test_short_pieces_met_again_parse_as_when_met_first(seeds_dir: Path, monkeypatch) -> None:
    """A short piece seen before (a wire sign-off, a table row) reuses its Doc: every article
    still parses token for token as it does alone, with nothing remembered."""
    openings = [p.read_text(encoding="utf-8")[:600] for p in sorted(seeds_dir.glob("*.txt"))]
    texts = [
        f"{opening}\n  Shr 12 cts vs 10 cts\n  Net 1.2 mln vs 900,000\n Reuter\n"
        for opening in openings
    ]
    alone = []
    for text in texts:
        monkeypatch.setattr(nlp, "_shorts", {})
        nlp._cache.clear()
        alone.append(_parsed_tokens(nlp.parse(text)))
    monkeypatch.setattr(nlp, "_shorts", {})
    nlp._cache.clear()
    together = [_parsed_tokens(doc) for doc in nlp.parse_many(texts)]
    assert len(nlp._shorts) >= 2  # the sign-off and the table were parsed once, then reused
    assert together == alone and len(together) == len(texts) > 2


def test_remembered_short_pieces_keep_no_batch_tensor(monkeypatch) -> None:
    """A remembered short piece must not hold its batch's tok2vec array: a view into it kept
    every article of the batch alive (a worker grew from 334 to 608 MB on Reuters)."""
    monkeypatch.setattr(nlp, "_shorts", {})
    nlp._cache.clear()
    texts = [f"Talks on item {n} resumed on Monday, officials said.\n Reuter\n" for n in range(3)]
    list(nlp.parse_many(texts))
    assert nlp._shorts, "the sign-off is remembered"
    for doc in nlp._shorts.values():
        assert doc.tensor.size == 0
        assert doc.tensor.base is None or doc.tensor.base.size == 0


def _parsed_tokens(doc: Any) -> list[tuple[object, ...]]:
    return [(*_token(t), t.idx, t.head.i, t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc]


def test_forget_drops_the_remembered_doc_so_the_next_parse_is_fresh() -> None:
    text = "The minister said taxes would rise. The opposition denied it."
    doc = nlp.parse(text)
    assert nlp.parse(text) is doc
    nlp.forget(text)
    again = nlp.parse(text)
    assert again is not doc
    assert [t.text for t in again] == [t.text for t in doc]
    nlp.forget("a text never parsed")  # nothing remembered: nothing happens


def test_forgetting_a_long_text_releases_the_heap_and_keeps_others() -> None:
    short = "Rice said the talks would resume."
    long = "\n\n".join(["The central bank said on Monday that rates would stay at 4 %."] * 900)
    kept = nlp.parse(short)
    first = nlp.parse(long)
    assert len(long) >= nlp.RELEASE_CHARS
    nlp.forget(long)
    assert nlp.parse(short) is kept
    assert nlp.parse(long) is not first
