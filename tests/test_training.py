"""The synthetic pair generator, the trainer's resume logic, and the shipped model's export."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import torch

from consistency.nli import DEFAULT_NLI_MODEL, NLIModel, NLIModelError, label_columns
from consistency.training import synthetic
from consistency.training.data import LABELS, NLIPair, read_pairs, write_pairs
from consistency.training.train import TrainConfig, check_label_order, length_grouped_batches, load_base
from consistency.types import CandidatePair, Claim

PREMISES = [
    "Russian forces launched 157 drones and 3 missiles at Ukraine overnight, officials said.",
    "The company reported revenue of $4,250 million in 2019, up from the year before.",
    "Three people were injured when the bridge collapsed on Tuesday in March.",
    "The festival, which draws 20,000 visitors, was first held in 1998 in the town of Kells.",
    "Unemployment rose to 7 percent, the highest level in a decade, the agency said.",
    "The team won the final after the match was played on Sunday, according to the league.",
    "The river is 410 km long and it is the second longest in the country.",
]


def test_generator_is_deterministic_and_labelled() -> None:
    first = synthetic.generate(PREMISES * 3, 60, seed=5)
    second = synthetic.generate(PREMISES * 3, 60, seed=5)
    assert first == second
    assert synthetic.generate(PREMISES * 3, 60, seed=6) != first
    assert {p.label for p in first} <= set(LABELS)
    assert all(p.premise != p.hypothesis for p in first)


def test_change_number_gives_a_value_that_is_not_a_rounding() -> None:
    rng = random.Random(0)
    for _ in range(50):
        hypothesis, label, tag = synthetic.change_number(rng, "Officials said 157 drones were launched.")
        assert label == "contradiction" and tag == "number-changed"
        new = int(hypothesis.split()[2])
        assert abs(new - 157) >= 0.08 * 157


def test_change_number_leaves_years_alone() -> None:
    assert synthetic.change_number(random.Random(1), "The war began in 2022.") is None


def test_hedge_contains_the_exact_value() -> None:
    rng = random.Random(3)
    for value in (157, 1234, 48, 999, 20500):
        for _ in range(20):
            hedged = synthetic._hedge(rng, value)
            assert hedged is not None
            words = hedged.split()
            bound = int(words[-1].replace(",", ""))
            if words[0] in ("more", "over", "at"):
                assert bound <= value, hedged
            elif words[0] in ("nearly", "about"):
                assert bound >= value and bound - value <= 0.05 * value, hedged
            else:
                assert bound == value


def test_digits_to_words_is_an_entailment() -> None:
    hypothesis, label, _ = synthetic.digits_to_words(random.Random(0), "Police said 3 men were arrested.")
    assert label == "entailment"
    assert "three men" in hypothesis


def test_negation_and_antonym_contradict() -> None:
    neg = synthetic.negate(random.Random(0), "The treaty was signed by both sides.")
    assert neg == ("The treaty was not signed by both sides.", "contradiction", "negation")
    ant = synthetic.swap_antonym(random.Random(0), "Prices rose sharply this year.")
    assert ant == ("Prices fell sharply this year.", "contradiction", "antonym")


def test_duration_templates_follow_the_ordinal_rule() -> None:
    """3.5 elapsed years is 'in its fourth year'; 'third year' contradicts it."""
    pairs = synthetic.from_templates(400, seed=2)
    durations = [p for p in pairs if "duration" in p.tags]
    assert durations
    for pair in durations:
        if "ordinal-consistent" in pair.tags:
            assert pair.label == "entailment"
            years = float(pair.premise.split("the ")[-1].split("-year")[0].replace("½", ".5"))
            ordinal = pair.hypothesis.split("its ")[1].split()[0]
            assert synthetic.ORDINALS.index(ordinal) == int(years)
        if "ordinal-conflict" in pair.tags:
            assert pair.label == "contradiction"


def test_pairs_round_trip_through_jsonl(tmp_path: Path) -> None:
    pairs = [NLIPair("a b c", "a b", "entailment", "x", ("numeric",))]
    write_pairs(pairs, tmp_path / "p.jsonl")
    assert read_pairs(tmp_path / "p.jsonl") == pairs
    (tmp_path / "bad.jsonl").write_text(json.dumps({"premise": "a", "hypothesis": "b", "label": "yes"}) + "\n")
    with pytest.raises(ValueError, match="unknown label 'yes'"):
        read_pairs(tmp_path / "bad.jsonl")


def test_batches_cover_every_example_once_and_depend_only_on_the_seed() -> None:
    lengths = [random.Random(i).randint(5, 120) for i in range(1000)]
    batches = length_grouped_batches(lengths, 32, random.Random(7))
    flat = sorted(i for batch in batches for i in batch)
    assert flat == list(range(1000))
    assert batches == length_grouped_batches(lengths, 32, random.Random(7))


def test_label_columns_are_found_by_name_in_any_order() -> None:
    assert label_columns({0: "entailment", 1: "neutral", 2: "contradiction"}) == (0, 1, 2)
    assert label_columns({0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"}) == (2, 1, 0)
    with pytest.raises(NLIModelError, match="contradiction"):
        label_columns({0: "LABEL_0", 1: "LABEL_1", 2: "entailment"})


@pytest.fixture(scope="module")
def shipped() -> NLIModel:
    return NLIModel.from_pretrained(DEFAULT_NLI_MODEL, precision="fp32")


PREMISE = ["Russian forces launched 157 drones overnight.", "The bridge was closed on Monday."]
HYPOTHESIS = ["Russia launched 150 drones overnight.", "The bridge was open on Monday."]


def test_export_reload_gives_the_same_logits(shipped: NLIModel, tmp_path: Path) -> None:
    shipped.model.save_pretrained(tmp_path, safe_serialization=True)
    shipped.tokenizer.save_pretrained(tmp_path)
    reloaded = NLIModel.from_pretrained(tmp_path, precision="fp32")
    assert (tmp_path / "model.safetensors").exists()
    assert torch.allclose(
        torch.tensor(shipped.predict(PREMISE, HYPOTHESIS)),
        torch.tensor(reloaded.predict(PREMISE, HYPOTHESIS)),
        atol=1e-6,
    )


def test_permuted_label_order_gives_the_same_probabilities(shipped: NLIModel, tmp_path: Path) -> None:
    """Re-export with the classifier rows and id2label permuted (MNLI order): same answers."""
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(DEFAULT_NLI_MODEL, dtype=torch.float32)
    perm = [2, 1, 0]  # new index k holds old row perm[k]
    with torch.no_grad():
        model.classifier.weight.copy_(model.classifier.weight[perm].clone())
        model.classifier.bias.copy_(model.classifier.bias[perm].clone())
    old = model.config.id2label
    model.config.id2label = {k: old[perm[k]] for k in range(3)}
    model.config.label2id = {v: k for k, v in model.config.id2label.items()}
    model.save_pretrained(tmp_path)
    shipped.tokenizer.save_pretrained(tmp_path)
    permuted = NLIModel.from_pretrained(tmp_path, precision="fp32")
    assert permuted.columns == (2, 1, 0)
    assert torch.allclose(
        torch.tensor(shipped.predict(PREMISE, HYPOTHESIS)),
        torch.tensor(permuted.predict(PREMISE, HYPOTHESIS)),
        atol=1e-5,
    )


def test_shipped_model_card_and_config() -> None:
    config = json.loads((DEFAULT_NLI_MODEL / "config.json").read_text())
    assert set(config["id2label"].values()) == set(LABELS)
    assert (DEFAULT_NLI_MODEL / "README.md").exists()
    size = sum(f.stat().st_size for f in DEFAULT_NLI_MODEL.iterdir())
    assert size < 100 * 1024 * 1024


def test_shipped_model_separates_the_obvious_cases(shipped: NLIModel) -> None:
    probs = shipped.predict(
        ["The meeting was held in Paris on Friday.", "The meeting was held in Paris on Friday."],
        ["The meeting was held in Paris.", "The meeting was not held in Paris."],
    )
    assert probs[0].argmax() == 0
    assert probs[1].argmax() == 2


def test_unloadable_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NLIModelError, match="cannot load NLI model"):
        NLIModel.from_pretrained(tmp_path / "missing")


def _claim(article: str, index: int, text: str) -> Claim:
    return Claim(article, index, text, 0, len(text))


def test_score_pairs_gives_each_direction_its_own_scores_and_repeats_agree(shipped: NLIModel) -> None:
    """Repeated sentences (syndicated copy) are scored once; every pair still gets both directions."""
    a1, b1 = _claim("x", 0, PREMISE[0]), _claim("y", 0, HYPOTHESIS[0])
    a2, b2 = _claim("z", 0, PREMISE[0]), _claim("w", 0, HYPOTHESIS[0])  # same texts, other outlets
    c1, c2 = _claim("x", 1, PREMISE[1]), _claim("y", 1, HYPOTHESIS[1])
    seen: list[tuple[int, int]] = []
    scored = shipped.score_pairs(
        [CandidatePair(a1, b1, 0.9), CandidatePair(c1, c2, 0.9), CandidatePair(b2, a2, 0.9)],
        lambda done, total: seen.append((done, total)),
    )
    direct = shipped.predict([PREMISE[0], HYPOTHESIS[0], PREMISE[1]], [HYPOTHESIS[0], PREMISE[0], HYPOTHESIS[1]])

    def row(s) -> list[float]:
        return [s.entailment, s.neutral, s.contradiction]

    assert torch.allclose(torch.tensor(row(scored[0].a_to_b), dtype=torch.float64), torch.tensor(direct[0]), atol=1e-5)
    assert torch.allclose(torch.tensor(row(scored[0].b_to_a), dtype=torch.float64), torch.tensor(direct[1]), atol=1e-5)
    assert torch.allclose(torch.tensor(row(scored[1].a_to_b), dtype=torch.float64), torch.tensor(direct[2]), atol=1e-5)
    # the third pair is the first one reversed
    assert scored[2].a_to_b == scored[0].b_to_a and scored[2].b_to_a == scored[0].a_to_b
    assert seen[-1] == (3, 3)


def test_training_refuses_a_base_whose_labels_are_in_another_order() -> None:
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(DEFAULT_NLI_MODEL)
    check_label_order(config)  # our own model continues training as is
    config.id2label = {0: "contradiction", 1: "neutral", 2: "entailment"}
    with pytest.raises(ValueError, match="different order"):
        check_label_order(config)


def test_training_from_the_fp16_shipped_model_keeps_fp32_weights() -> None:
    cfg = TrainConfig(base=str(DEFAULT_NLI_MODEL), train_file="", dev_file="", work_dir="", export_dir="")
    model, _ = load_base(cfg)
    assert {p.dtype for p in model.parameters()} == {torch.float32}
    assert model.config.id2label == dict(enumerate(LABELS))
