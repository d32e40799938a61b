"""Attribution: speaker and reported content of direct and reported speech."""

from __future__ import annotations

import pytest

from consistency.attribution import attribute, attribute_many, same_speaker


def content(sentence: str) -> tuple[str | None, str]:
    speaker, start, end = attribute(sentence)
    return speaker, sentence[start:end]


@pytest.mark.parametrize(
    ("sentence", "speaker", "said"),
    [
        (
            '"We have never seen water this high," the mayor said.',
            "the mayor",
            "We have never seen water this high",
        ),
        (
            "“If any troops appear there, we will act,” he said during a panel in the city.",
            "he",
            "If any troops appear there, we will act",
        ),
        (
            "Mayor Ana Ruiz said that the bridge would reopen on Friday.",
            "Mayor Ana Ruiz",
            "the bridge would reopen on Friday.",
        ),
        (
            "The governor said Friday that 200 homes had been evacuated.",
            "The governor",
            "200 homes had been evacuated.",
        ),
        (
            "According to police, the gunman fled on foot.",
            "police",
            "the gunman fled on foot.",
        ),
        (
            "The gunman fled on foot, according to the county sheriff.",
            "the county sheriff",
            "The gunman fled on foot",
        ),
        (
            "Brady Osborne, 16, told the court that he was sorry.",
            "Brady Osborne",
            "he was sorry.",
        ),
        (
            "The suspect was arrested at 5 p.m., police said.",
            "police",
            "The suspect was arrested at 5 p.m.",
        ),
        (
            "Two people were killed in the crash, said Sheriff John Smith.",
            "Sheriff John Smith",
            "Two people were killed in the crash",
        ),
        (
            "The minister warned that prices would rise by 10 percent.",
            "The minister",
            "prices would rise by 10 percent.",
        ),
        (
            "The company announced that it would close three plants.",
            "The company",
            "it would close three plants.",
        ),
    ],
)
def test_attributed(sentence, speaker, said):
    assert content(sentence) == (speaker, said)


@pytest.mark.parametrize(
    "sentence",
    [
        "The river rose three metres overnight.",
        "Police charged the driver with reckless conduct.",
        "The ministry's stated goal is to cut emissions by half.",
        "Trump – who has claimed he could end the war – expressed frustration on Friday.",
    ],
)
def test_not_attributed(sentence):
    assert attribute(sentence) == (None, 0, len(sentence))


def test_attribute_many_matches_single_calls():
    sentences = [
        "The bridge reopened on Friday.",
        '"It is safe now," the engineer said.',
    ]
    assert attribute_many(sentences) == [attribute(s) for s in sentences]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Putin", "Russian President Vladimir Putin", True),
        ("Kremlin spokesperson Dmitry Peskov", "Kremlin Press Secretary Dmitry Peskov", True),
        ("Trump's", "U.S. President Donald Trump", True),
        ("police", "Police", True),
        ("Russian President Vladimir Putin", "Russian Foreign Minister Sergey Lavrov", False),
        ("Russian officials", "Russian President Vladimir Putin", False),
        ("he", "he", False),
        ("he", "Putin", False),
        (None, "Putin", False),
    ],
)
def test_same_speaker(a, b, same):
    assert same_speaker(a, b) is same
    assert same_speaker(b, a) is same
