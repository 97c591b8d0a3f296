"""Adapters for Hugging Face datasets and datatrove, on small data built here."""

from __future__ import annotations

import pytest

from termcheck.config import Config
from termcheck.integrations.core import CHANGE_KEYS, FINDING_KEYS, Checker, annotate
from termcheck.integrations.hf import termcheck_batch, termcheck_map

TEXTS = [
    "A calm sentence.",
    "Kazakhstanâ€™s  capital was named.",
    "A lone bracket ) here.",
    "Another calm one.",
]


def test_batch_adds_findings_with_one_shape() -> None:
    batch = {"text": TEXTS, "id": ["a", "b", "c", "d"]}
    out = termcheck_batch(batch)
    assert out["id"] == batch["id"] and out["text"] == TEXTS
    assert out["termcheck_count"][0] == 0 and out["termcheck_count"][1] >= 2
    assert out["termcheck_count"] == [len(f) for f in out["termcheck_findings"]]
    for findings in out["termcheck_findings"]:
        assert all(tuple(f) == FINDING_KEYS for f in findings)
    lone = out["termcheck_findings"][2]
    assert [(f["code"], f["matched"], TEXTS[2][f["start"]:f["end"]]) for f in lone] == \
        [("BR001", ")", ")")]


def test_batch_cleans_like_clean() -> None:
    out = termcheck_map(clean=True)({"text": TEXTS})
    assert out["text"][1] == "Kazakhstan’s capital was named."
    assert out["text"][2] == TEXTS[2], "a display-only fix is left, and listed"
    assert [f["code"] for f in out["termcheck_findings"][2]] == ["BR001"]
    changes = out["termcheck_changes"][1]
    assert changes and all(tuple(c) == CHANGE_KEYS for c in changes)
    assert {code for c in changes for code in c["codes"]} >= {"EN001", "SP001"}
    assert out["termcheck_changes"][0] == []


def test_a_record_without_text_is_kept_and_reported() -> None:
    """Before: a None text raised TypeError and the whole map stopped."""
    out = termcheck_map(clean=True)({"text": [TEXTS[1], None, 7], "id": ["a", "b", "c"]})
    assert out["text"][1:] == [None, 7] and out["id"] == ["a", "b", "c"]
    assert out["termcheck_count"][1:] == [0, 0] and out["termcheck_changes"][1:] == [[], []]
    assert out["termcheck_problem"] == [None, "no string text (NoneType): kept as it is",
                                        "no string text (int): kept as it is"]
    assert out["text"][0] == "Kazakhstan’s capital was named."


def test_batch_names_a_missing_column() -> None:
    with pytest.raises(KeyError, match=r"no column 'text'.*content"):
        termcheck_batch({"content": TEXTS})


def test_language_column_is_used() -> None:
    checker = Checker(Config(lang="en"))
    out = termcheck_batch({"text": ["Il a dit : « oui »."], "lang": ["fr"]}, checker,
                          lang_column="lang")
    assert out["termcheck_count"] == [0]


def test_annotate_keeps_findings_in_metadata() -> None:
    metadata: dict[str, object] = {"language": "en"}
    outcome = annotate(TEXTS[1], metadata, Checker(clean=True))
    assert outcome.text == "Kazakhstan’s capital was named."
    assert metadata["termcheck_count"] == 0 and metadata["termcheck_findings"] == []
    assert metadata["termcheck_changes"]


def test_hugging_face_dataset_map() -> None:
    datasets = pytest.importorskip("datasets", reason="pip install 'termcheck[hf]'")
    from termcheck.integrations.hf import check_dataset, termcheck_features

    ds = datasets.Dataset.from_dict({"text": TEXTS, "id": list("abcd")})
    linted = ds.map(termcheck_map(), batched=True, batch_size=1,
                    features=termcheck_features(ds.features))
    assert linted["termcheck_count"][0] == 0 and linted["termcheck_count"][2] == 1
    assert linted[2]["termcheck_findings"][0]["code"] == "BR001"
    cleaned = check_dataset(ds, clean=True, batch_size=2)  # a first batch with no findings
    assert cleaned["text"][1] == "Kazakhstan’s capital was named."
    assert cleaned.filter(lambda r: r["termcheck_count"] > 0)["id"] == ["c"]


def test_datatrove_step_lints_cleans_and_filters() -> None:
    pytest.importorskip("datatrove", reason="pip install 'termcheck[datatrove]'")
    from datatrove.data import Document

    from termcheck.integrations.datatrove import TermcheckStep

    def documents() -> list[Document]:
        return [Document(text=t, id=str(n), metadata={"language": "en"})
                for n, t in enumerate(TEXTS)]

    linted = list(TermcheckStep().run(documents()))
    assert [d.metadata["termcheck_count"] for d in linted][:1] == [0]
    assert linted[2].metadata["termcheck_findings"][0]["code"] == "BR001"
    assert linted[1].text == TEXTS[1]
    cleaned = list(TermcheckStep(clean=True).run(documents()))
    assert cleaned[1].text == "Kazakhstan’s capital was named."
    assert cleaned[1].metadata["termcheck_changes"]
    kept = list(TermcheckStep(clean=True, drop_with_findings=True).run(documents()))
    assert [d.id for d in kept] == ["0", "1", "3"]


def test_readme_example_runs_as_shown() -> None:
    pytest.importorskip("datasets", reason="pip install 'termcheck[hf]'")
    from tests.test_readme import fenced, section

    (example,) = fenced(section("## Hugging Face datasets and datatrove"), "python")
    exec(compile(example, "README.md", "exec"), {})
