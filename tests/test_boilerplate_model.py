"""BP003, the boilerplate classifier: its data files, options, fix safety and measured figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from termcheck.api import lint_paths, lint_text
from termcheck.clean import clean_apply
from termcheck.config import Config, ConfigError, load_config_file
from termcheck.context import Context
from termcheck.document import Document
from termcheck.errors import DataError
from termcheck.model import Applicability
from termcheck.rules import boilerplate_model
from termcheck.rules.boilerplate_model import (
    LEXICON_KINDS,
    Model,
    load_lexicon,
    load_model,
    shipped_lexicon,
    shipped_model,
)

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
ARTICLE = """Council approves harbour budget

The city council approved the harbour budget on Tuesday after a debate of more than six hours.

Get our app for the latest local news

Opposition members said they would appeal the decision to the regional court next month.
"""
SELECT = Config(select=("BP003",))


def test_shipped_data_loads() -> None:
    lexicon = load_lexicon(shipped_lexicon())
    assert all(lexicon.words[kind] or lexicon.phrases[kind] for kind in LEXICON_KINDS)
    model = load_model(shipped_model())
    assert 0 < model.threshold < 1 and "cta_start" in model.weights


def test_every_weight_is_a_feature_the_module_computes() -> None:
    lexicon = load_lexicon(shipped_lexicon())
    lines = boilerplate_model.document_lines(Document(ARTICLE))
    computed = set()
    for i in range(len(lines)):
        computed |= set(boilerplate_model.line_features(lines, i, lexicon))
    unknown = set(load_model(shipped_model()).weights) - {"bias"} - computed
    source = Path(boilerplate_model.__file__).read_text(encoding="utf-8")
    assert all(f'"{name}"' in source for name in unknown), unknown


def test_context_features_carry_the_neighbours_under_a_prefix() -> None:
    lexicon = load_lexicon(shipped_lexicon())
    doc = Document(ARTICLE)
    own = {line.text: f for line, f in boilerplate_model.scored_lines(doc, Context(SELECT),
                                                                      lexicon)}
    wide = {line.text: f for line, f in boilerplate_model.scored_lines(doc, Context(SELECT),
                                                                       lexicon, context=True)}
    [text] = [text for text in wide if text.startswith("Get our app")]
    features, plain = wide[text], own[text]
    assert {k: v for k, v in features.items() if "_" not in k[:3]}.items() >= plain.items()
    assert features["p_terminal"] and features["n_terminal"] and features["nn_none"]
    assert features["pp_first"]  # the line two above is the title


def test_the_shipped_model_reads_one_line_at_a_time() -> None:
    model = load_model(shipped_model())
    assert not model.context
    assert Model({"p_cta_start": 1.0}, 0.5, 2.0).context


def test_bad_lexicon_row_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.tsv"
    path.write_text("kind\tword\ncta\tsubscribe\nverbs\tfollow\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_lexicon(path)
    assert error.value.line == 3 and "verbs" in error.value.message


def test_bad_weight_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "weights.tsv"
    path.write_text("kind\tname\tvalue\nparam\tthreshold\t0.6\nparam\tsafe\t2\n"
                    "weight\tbias\tx\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_model(path)
    assert error.value.line == 4
    path.write_text("kind\tname\tvalue\nweight\tbias\t1\n", encoding="utf-8")
    with pytest.raises(DataError, match="missing param"):
        load_model(path)


def test_finding_and_ledger_name_the_features_that_fired() -> None:
    [finding] = lint_text(ARTICLE, SELECT)
    assert finding.matched == "Get our app for the latest local news"
    assert "cta_start" in finding.message
    result = clean_apply(Document(ARTICLE), SELECT, None, unsafe=True)
    [change] = result.ledger  # type: ignore[union-attr]
    assert change.codes == ("BP003",)
    assert "cta_start" in change.reasons[0]
    assert "Get our app" not in result.text  # type: ignore[union-attr]


def test_clean_applies_the_classifiers_unsafe_deletions_only_when_asked() -> None:
    """Before: clean deleted every line BP003 scored, as it deletes the lines of the default-on
    boilerplate lists, though BP003 is off by default for its 0.82 precision."""
    kept = clean_apply(Document(ARTICLE), SELECT, None)
    assert kept.ledger == [] and kept.text == ARTICLE  # type: ignore[union-attr]
    assert "Get our app" not in clean_apply(Document(ARTICLE), SELECT, None,
                                             unsafe=True).text  # type: ignore[union-attr]


def test_deletion_is_unsafe_below_the_safe_band_and_safe_in_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    [finding] = lint_text(ARTICLE, SELECT)
    assert finding.fix is not None and finding.fix.applicability == Applicability.UNSAFE
    settings = boilerplate_model._settings

    def low_safe_edge(ctx):  # type: ignore[no-untyped-def]
        lexicon, model, threshold = settings(ctx)
        return lexicon, Model(model.weights, model.threshold, 0.0), threshold

    monkeypatch.setattr(boilerplate_model, "_settings", low_safe_edge)
    [finding] = lint_text(ARTICLE, SELECT)
    assert finding.fix is not None and finding.fix.applicability == Applicability.SAFE


def test_lines_of_the_phrase_lists_are_left_to_bp001() -> None:
    text = ARTICLE.replace("Get our app for the latest local news", "You may also like")
    assert lint_text(text, SELECT) == []
    assert [f.code for f in lint_text(text, Config(select=("BP",)))] == ["BP001"]


def test_options_from_the_configuration(tmp_path: Path) -> None:
    path = tmp_path / "termcheck.toml"
    path.write_text('[options]\nboilerplate-threshold = 0.99\n'
                    'boilerplate-cta-words = ["spenden", "jetzt unterstützen"]\n',
                    encoding="utf-8")
    config = load_config_file(path)
    assert config.option("boilerplate-cta-words") == ["spenden", "jetzt unterstützen"]
    assert lint_text(ARTICLE, Config(select=("BP003",), options=config.options)) == []


@pytest.mark.parametrize("line, message", [
    ("boilerplate-threshold = 2", "a number between 0 and 1"),
    ("boilerplate-threshold = true", "a number between 0 and 1"),
    ('boilerplate-cta-words = "spenden"', "a list of strings"),
    ('boilerplate-cta-words = [1]', "a list of strings"),
])
def test_bad_options_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "termcheck.toml"
    path.write_text(f"[options]\n{line}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as error:
        load_config_file(path)
    assert error.value.line == 2


@pytest.fixture(scope="module")
def corpora() -> Path:
    if not (CORPORA / "scrapinghub-aeb" / "gold").is_dir():
        pytest.skip("../shared/corpora is not present on this machine")
    return CORPORA


def test_training_regenerates_the_shipped_weights(corpora: Path) -> None:
    result = subprocess.run([sys.executable, "benchmarks/boilerplate_model/train.py", "--check"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "identical to the shipped file" in result.stdout


def test_quiet_on_human_reference_translations(corpora: Path) -> None:
    paths = sorted((corpora / "wmt21-news" / "references").glob("newstest2021.*"))
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in paths)
    findings = lint_paths(paths, SELECT).findings
    assert len(findings) * 1000 <= lines, [f.matched for f in findings]


def test_quiet_on_the_clean_samples() -> None:
    paths = sorted((ROOT / "samples").glob("clean_*.txt"))
    assert paths and lint_paths(paths, SELECT).findings == []


def test_stack_features_read_the_first_stage_scores_around_a_line() -> None:
    # title, a paragraph, two high-scoring lines, a phrase-list line (1), a long line (0)
    first = [None, 0.1, 0.9, 0.8, 1.0, 0.0]
    stack = boilerplate_model.stack_features(first)
    assert stack[0].get("s_prev", 0.0) == 0.0  # the title reads as 0
    assert stack[1]["s_next"] == 0.9 and stack[1]["s_run_after"] == 1.0
    assert stack[2]["s_prev"] == 0.1 and stack[2]["s_nb_max"] == 0.8
    assert stack[2]["s_tail_high"] == 2 / 3 and stack[2]["s_from_end"] == 0.3
    assert "s_tail_high" not in stack[5] and "s_from_end" not in stack[5]


def test_a_two_stage_model_reports_the_second_stages_score_and_reasons(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "weights.tsv"
    path.write_text("kind\tname\tvalue\nparam\tthreshold\t0.5\nparam\tsafe\t2\n"
                    "weight\tbias\t-5\nweight\tcta_start\t10\n"
                    "weight2\tbias\t-5\nweight2\ts_nb_max\t-20\nweight2\tcta_start\t10\n",
                    encoding="utf-8")
    model = load_model(path)
    assert model.second == {"bias": -5.0, "s_nb_max": -20.0, "cta_start": 10.0}
    settings = boilerplate_model._settings
    monkeypatch.setattr(boilerplate_model, "_settings",
                        lambda ctx: (settings(ctx)[0], model, model.threshold))
    [finding] = lint_text(ARTICLE, SELECT)  # the lone call to action: its neighbours score low
    assert finding.matched.startswith("Get our app") and "cta_start" in finding.message
    two = ARTICLE.replace("Get our app for the latest local news",
                          "Get our app for the latest local news\n\nSubscribe to our newsletter")
    assert lint_text(two, SELECT) == []  # each has a neighbour the first stage scores high


def test_layout_finds_the_main_body_block() -> None:
    lexicon = load_lexicon(shipped_lexicon())
    paragraph = "The council said on Tuesday that the new harbour budget would be voted on soon."
    comment = "I think the council should have voted on this budget a long time ago, really."
    text = "\n".join(["Title", paragraph, "Subheading", paragraph, paragraph, "Related", "A",
                      "B", "C", "Comments", comment])
    lines = boilerplate_model.document_lines(Document(text))
    layout = boilerplate_model.Layout.of(lines, lexicon)
    assert (layout.main_start, layout.main_end) == (1, 4)
    assert "doc_gap_in_main" in boilerplate_model.layout_features(lines, 2, layout)
    assert "doc_prose_outside" in boilerplate_model.layout_features(lines, 10, layout)
    assert layout.stops == lexicon.stops_by_lang["en"]


def _training_module(name: str):  # type: ignore[no-untyped-def]
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        f"bp_{name}", ROOT / "benchmarks" / "boilerplate_model" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"bp_{name}"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def _norm(text: str) -> str:
    return " ".join(text.split())


def test_site_proxy_keys_read_digits_as_zero_and_skip_common_lines() -> None:
    sites = _training_module("sites")
    assert sites.line_key("Posted  9:15 AM,  March 3 2024 by staff", _norm) == \
        sites.line_key("posted 11:40 am, march 12 2023 by staff", _norm)
    assert sites.line_key("Comments", _norm) is None
    assert sites.line_key("See it now: shop", _norm) is None  # fewer than 15 letters


def test_site_proxy_domains_are_registrable() -> None:
    sites = _training_module("sites")
    text = "Photos on https://img.example.com/a.jpg and www.shop.example.co.uk; see news.org."
    assert sites.domains(text) == {"example.com", "example.co.uk", "news.org"}
    assert sites.domains("the end.In other news") == set()


def test_site_proxy_joins_articles_by_shared_chrome_hosts_and_gold_lines(tmp_path: Path) -> None:
    sites = _training_module("sites")
    chrome = "Sign up for the Harbour Gazette morning briefing today"
    pages = {"a": ("Body of a about ships.", chrome),
             "b": ("Body of b about trains.", chrome.replace("morning", "Morning")),
             "c": ("Body of c, see harbour-gazette.com for more.", "Menu"),
             "d": ("Body of d, from harbour-gazette.com too.", "Menu"),
             "e": ("Body of e alone.", "Menu")}
    for extractor in ("gold", *sites.EXTRACTORS):
        (tmp_path / extractor).mkdir()
    for name, (body, extra) in pages.items():
        (tmp_path / "gold" / f"{name}.txt").write_text(body, encoding="utf-8")
        for extractor in sites.EXTRACTORS:
            (tmp_path / extractor / f"{name}.txt").write_text(f"{body}\n{extra}\n",
                                                              encoding="utf-8")

    def in_gold(line: str, gold: str, refined: bool) -> bool:
        return _norm(line) in gold

    read = sites.read_pages(tmp_path, in_gold, _norm)
    groups = sites.components(read)
    assert groups == {"a.txt": "a.txt", "b.txt": "a.txt", "c.txt": "c.txt", "d.txt": "c.txt",
                      "e.txt": "e.txt"}
    assert sites.components(read, ("boilerplate",))["d.txt"] == "d.txt"
    assert sites.describe(groups) == "5 articles in 3 groups (2 of 2, 1 of 1 articles)"


def test_hashed_lexicon_features_are_stable_crc32_buckets() -> None:
    import zlib
    line = boilerplate_model.document_lines(Document("Subscribe to 24 channels"))[0]
    words = _training_module("lexicon").Hashing("words", 64).features(line)
    expected = {zlib.crc32(gram.encode()) % 64 for gram in
                ("w subscribe", "w to", "w 0", "w channels", "b subscribe to", "b to 0",
                 "b 0 channels")}
    assert words == {f"h_{bucket}": 1.0 for bucket in expected}
    chars = _training_module("lexicon").Hashing("chars", 1 << 20, normalise=True).features(line)
    assert len(chars) > 40 and abs(sum(v * v for v in chars.values()) - 1.0) < 1e-9


def _toy_sequences(decoding, labels: list[list[int]], odds: list[list[float]]):  # type: ignore[no-untyped-def]
    docs, kinds, z, y = [], [], [], []
    for d, (doc_labels, doc_odds) in enumerate(zip(labels, odds)):
        for i, (label, value) in enumerate(zip(doc_labels, doc_odds)):
            docs.append(f"d{d}")
            kinds.append("title" if i == 0 else "scored")
            z.append(value)
            y.append(label)
    import numpy as np
    return decoding.Sequences.of(docs, kinds, np.array(z, float), np.array(y, float))


def test_chain_crf_gradient_is_exact_and_learns_blocks() -> None:
    import numpy as np
    decoding = _training_module("decoding")
    # boilerplate in blocks at the head and the tail; the log-odds are weak and noisy
    labels = [[0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1]] * 6
    odds = [[0.0] + [(1.0 if y else -1.0) * (0.5 + 0.1 * ((i * 7 + d) % 5)) * (-1 if i == 5 else 1)
                     for i, y in enumerate(row[1:], 1)] for d, row in enumerate(labels)]
    seq = _toy_sequences(decoding, labels, odds)
    theta = decoding.START + 0.3
    _, gradient = decoding._objective(seq, theta)
    numeric = [(decoding._objective(seq, theta + e * 1e-6)[0]
                - decoding._objective(seq, theta - e * 1e-6)[0]) / 2e-6 for e in np.eye(len(theta))]
    assert np.allclose(gradient, numeric, atol=1e-5)
    crf = decoding.ChainCRF.fit(seq)
    stay, leave = crf.theta[-1], crf.theta[-2]  # boilerplate -> boilerplate, -> body
    assert stay > leave
    marginals = crf.marginals(seq)
    assert marginals.shape == seq.mask.shape and np.all((marginals >= 0) & (marginals <= 1))


def test_body_span_is_the_best_run_of_body_evidence() -> None:
    decoding = _training_module("decoding")
    assert decoding.body_span([2.0, -1.0, -3.0, 0.5, -2.0, 4.0, 1.0]) == (1, 4)
    assert decoding.body_span([1.0, 2.0]) == (0, -1)  # no body at all
