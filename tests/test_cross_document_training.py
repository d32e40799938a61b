"""The cross-document training families: paraphrase edits, event templates, WordNet antonyms."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from consistency.training import cross_document as cd
from consistency.training.antonyms import Antonyms, WordNetMissing, find_wordnet, load, read_antonyms
from consistency.training.data import NLIPair

ENTAILMENTS = [
    NLIPair(
        "The council approved 157 new homes in 2021, officials said.", "157 homes were approved in 2021.", "entailment"
    ),
    NLIPair("Shares of the firm rose sharply after the results on Tuesday.", "The firm's shares rose.", "entailment"),
    NLIPair("The bridge stayed open during the storm.", "The bridge is open.", "entailment"),
    NLIPair("She ruled out a second term in office.", "She ruled out another term.", "entailment"),
    NLIPair("The minister has not resigned despite the protests.", "The minister hasn't resigned.", "entailment"),
]


def _wordnet() -> Path:
    try:
        return find_wordnet()
    except WordNetMissing as error:
        pytest.skip(f"{error} (antonym tests need Debian's wordnet-base)")


def test_missing_wordnet_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WordNetMissing, match="wordnet-base"):
        find_wordnet((str(tmp_path),))


def test_wordnet_antonyms_use_the_commonest_sense() -> None:
    tables = read_antonyms(_wordnet())
    assert tables["v"]["rise"] == "fall"
    assert tables["v"]["increase"] == "decrease"
    assert tables["a"]["guilty"] == "innocent"
    assert tables["a"]["alive"] == "dead"
    assert all("_" not in a and "_" not in b for table in tables.values() for a, b in table.items())


def test_antonyms_are_inflected_only_into_forms_the_vocabulary_has() -> None:
    antonyms = load(frozenset({"fell", "fall", "decreased", "innocent"}), _wordnet())
    assert antonyms.options("rise", "VBD") == ["fell"]
    assert antonyms.options("increase", "VBD") == ["decreased"]
    assert antonyms.options("increase", "VBZ") == []  # "decreases" is not in the vocabulary
    assert antonyms.options("guilty", "JJ") == ["innocent"]
    assert antonyms.options("table", "NN") == []


def test_irregular_and_regular_forms() -> None:
    antonyms = Antonyms({"win": "lose"}, {}, {"lose": {"lost"}}, frozenset({"lost", "loses", "losing"}))
    assert antonyms.options("win", "VBD") == ["lost"]
    assert antonyms.options("win", "VBN") == ["lost"]
    assert antonyms.options("win", "VBZ") == ["loses"]
    assert antonyms.options("win", "VBG") == ["losing"]


def test_paraphrase_edits_contradict_the_premise_and_change_the_hypothesis() -> None:
    pairs = cd.paraphrase_edits(ENTAILMENTS * 20, 60, seed=3, restate_share=0.0)
    assert pairs and all(p.label == "contradiction" and p.source == cd.SOURCE for p in pairs)
    originals = {e.premise: e.hypothesis for e in ENTAILMENTS}
    for pair in pairs:
        assert pair.hypothesis != originals[pair.premise]
        assert pair.tags[0] == "paraphrase-edit"
    assert {p.tags[1] for p in pairs} >= {"number", "year", "negation-removed"}


def test_number_edits_only_where_the_premise_states_the_number() -> None:
    unrelated = NLIPair("The council met on Monday.", "There were 12 councillors.", "entailment")
    pairs = cd.paraphrase_edits([unrelated] * 30, 30, seed=1, restate_share=0.0)
    assert not [p for p in pairs if p.tags[1] == "number"]


def test_negation_removed_keeps_the_sentence_grammatical() -> None:
    rng = random.Random(0)
    text, tag = cd._unnegate(rng, NLIPair("p", "The minister hasn't resigned.", "entailment"))
    assert (text, tag) == ("The minister has resigned.", "negation-removed")
    text, _ = cd._unnegate(rng, NLIPair("p", "Officials can't confirm the figure.", "entailment"))
    assert text == "Officials can confirm the figure."
    assert cd._unnegate(rng, NLIPair("p", "It was not only cheap but fast.", "entailment")) is None


def test_verb_negation_and_antonyms_from_a_real_parse() -> None:
    _wordnet()
    parse = cd.spacy_parser()
    vocabulary = frozenset(w.lower() for p in ENTAILMENTS for w in re.findall(r"[A-Za-z]+", p.hypothesis)) | {"fell"}
    antonyms = load(vocabulary)
    [tokens] = parse(["She ruled out another term."])
    assert cd._negate_verb(random.Random(0), "She ruled out another term.", tokens) == (
        "She did not rule out another term.",
        "negation",
    )
    [tokens] = parse(["The firm's shares rose."])
    assert cd._antonym_edit(random.Random(0), "The firm's shares rose.", tokens, antonyms) == (
        "The firm's shares fell.",
        "antonym",
    )


def test_event_templates_label_by_place_and_day() -> None:
    rng = random.Random(5)
    for _ in range(40):
        same, changed, other, other_reversed = cd.event_pairs(rng)
        assert (same.label, changed.label, other.label, other_reversed.label) == (
            "entailment",
            "contradiction",
            "neutral",
            "neutral",
        )
        assert same.hypothesis != same.premise and changed.hypothesis != same.hypothesis
        # the neutral pair names another place and another day than the premise
        places = [p for p in cd.PLACES if re.search(rf"\b{p}\b", other.hypothesis)]
        assert places and not re.search(rf"\b{places[0]}\b", other.premise)


def test_changed_value_is_beyond_rounding() -> None:
    rng = random.Random(9)
    for event in cd.EVENT_TYPES:
        scene = cd._scene(rng, event)
        new = cd._changed(rng, event, scene)
        diffs = [k for k in event.values(rng) if new[k] != scene[k]]
        assert len(diffs) == 1
        old, value = int(scene[diffs[0]]), int(new[diffs[0]])
        assert abs(value - old) >= max(2, 0.15 * old)


def test_generate_is_deterministic_and_mixes_families() -> None:
    first = cd.generate(ENTAILMENTS * 20, 80, seed=11)
    assert first == cd.generate(ENTAILMENTS * 20, 80, seed=11)
    assert first != cd.generate(ENTAILMENTS * 20, 80, seed=12)
    families = {p.tags[0] for p in first}
    assert families >= {"paraphrase-edit", "event-template"}
    assert {p.label for p in first} == {"entailment", "neutral", "contradiction"}


def test_paired_edits_give_every_contradiction_an_entailment_on_its_premise() -> None:
    pairs = cd.paraphrase_edits(ENTAILMENTS * 20, 60, seed=3, restate_share=0.0, paired=True)
    edits = [p for p in pairs if p.tags[0] == "paraphrase-edit"]
    kept = [p for p in pairs if p.tags[0] == "paraphrase-kept"]
    assert edits and len(edits) == len(kept)
    assert [p.premise for p in edits] == [p.premise for p in kept]
    assert all(p.label == "contradiction" for p in edits) and all(p.label == "entailment" for p in kept)
    originals = {e.premise: e.hypothesis for e in ENTAILMENTS}
    # a kept hypothesis is the original or a restatement of it, never an edit
    assert {p.hypothesis for p in kept}.isdisjoint({p.hypothesis for p in edits})
    assert any(p.hypothesis == originals[p.premise] for p in kept)
