"""The registry: codes, names, docs, selection by prefix."""

from __future__ import annotations

from dataclasses import replace

import pytest

from termcheck.context import Context
from termcheck.model import CATEGORIES
from termcheck.rules.registry import DOC_HEADINGS, all_rules, get_rule, select_rules


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_is_documented_under_the_fixed_headings(rule) -> None:
    assert rule.summary, f"{rule.code} has no summary line"
    for heading in DOC_HEADINGS:
        assert rule.section(heading), f"{rule.code}: empty '## {heading}'"
    assert rule.category in CATEGORIES
    assert "/" in rule.mqm or rule.mqm in {"Locale convention", "Design and markup"}


def test_codes_and_names_are_unique() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


def test_lookup_by_code_or_name() -> None:
    assert get_rule("br001") is get_rule("unbalanced-bracket") is get_rule("BR001")
    assert get_rule("XX999") is None


def test_longest_prefix_wins_between_select_and_ignore() -> None:
    assert get_rule("BR001") in select_rules(select=["BR001"], ignore=["BR"])
    assert get_rule("BR001") not in select_rules(select=["BR"], ignore=["BR001"])
    assert get_rule("BR001") not in select_rules(ignore=["BR"])
    assert get_rule("BR001") in select_rules()


def test_default_off_rules_need_explicit_selection() -> None:
    off = [r for r in all_rules() if not r.default]
    for rule in off:
        assert rule not in select_rules()
        assert rule in select_rules(select=[rule.code])
        assert rule in select_rules(select=["ALL"])


def test_plug_in_rules_register_and_unregister_with_their_options(tmp_path) -> None:
    """Public register/unregister (tests used to patch the private table), and options a rule
    declares validated from the configuration, as yamllint's CONF."""
    from termcheck.config import load_config_file
    from termcheck.errors import ConfigError
    from termcheck.rules import registry

    def plug_in(doc, ctx):  # type: ignore[no-untyped-def]
        """Test only.

        ## What it does
        Nothing.
        ## Why it matters
        Tests.
        ## Example
        None.
        ## Fix safety
        No fix.
        """
        return iter(())

    config = tmp_path / "termcheck.toml"
    config.write_text("[options]\nplug-in-limit = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown option 'plug-in-limit'"):
        load_config_file(config)
    assert get_rule("plug-in") is None  # a lookup before the plug-in: the index is renewed
    registry.rule("XX990", "plug-in", "spacing", "Fluency/Punctuation", default=False,
                  options={"plug-in-limit": registry.Option(int, 2, "a limit")})(plug_in)
    try:
        assert get_rule("XX990") is get_rule("plug-in") is get_rule(" xx990 ")
        assert load_config_file(config).option("plug-in-limit") == 3
        assert Context(config=load_config_file(config)).option("plug-in-limit") == 3
        assert Context().option("plug-in-limit") == 2  # not set: the declared default
        config.write_text("[options]\nplug-in-limit = true\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="'plug-in-limit' must be a positive integer"):
            load_config_file(config)
        with pytest.raises(ValueError, match="duplicate rule code XX990"):
            registry.register(replace(get_rule("XX990"), check=lambda doc, ctx: iter(())))
    finally:
        assert registry.unregister("XX990") is not None
    assert get_rule("XX990") is None and get_rule("plug-in") is None


def test_a_boolean_option_takes_true_or_false(tmp_path) -> None:
    """Before: 'straight-quotes = true' was refused as "must be a string"."""
    from termcheck.config import load_config_file
    from termcheck.errors import ConfigError

    config = tmp_path / "termcheck.toml"
    config.write_text("[options]\nstraight-quotes = true\n", encoding="utf-8")
    assert load_config_file(config).option("straight-quotes") is True
    config.write_text("[options]\nstraight-quotes = 'yes'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be true or false"):
        load_config_file(config)


def test_an_option_declares_its_default_and_choices_which_the_configuration_must_respect(
        tmp_path) -> None:
    """SP003 declares french-spacing with three choices: an unset option reads the default, and
    a configuration naming another value is refused at load time, with its file and line."""
    from termcheck.config import load_config_file
    from termcheck.errors import ConfigError

    assert Context().option("french-spacing") == "any"
    config = tmp_path / "termcheck.toml"
    config.write_text('lang = "fr"\n[options]\nfrench-spacing = "wide"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="one of any, no-break, narrow") as refused:
        load_config_file(config)
    assert refused.value.line == 3


def test_a_declaration_is_checked_when_the_rule_registers() -> None:
    """A default of the wrong kind, choices on a number, or one option name declared two ways
    by two rules is a programming error, refused at once."""
    from termcheck.rules import registry

    def declare(code: str, option: registry.Option, name: str = "plug-in-mode") -> None:
        registry.register(replace(get_rule("SP003"), code=code, check=lambda doc, ctx: iter(()),
                                  options=((name, option),)))

    with pytest.raises(ValueError, match="default of option 'plug-in-mode'"):
        declare("XX991", registry.Option(int, 0, "zero is not a positive integer"))
    with pytest.raises(ValueError, match="has choices but is not text"):
        declare("XX991", registry.Option(int, 1, "numbers", choices=("1",)))
    with pytest.raises(ValueError, match="declared differently by SP003"):
        declare("XX991", registry.Option(str, "any", "another meaning"), "french-spacing")
    assert get_rule("XX991") is None


def test_rule_documentation_lists_the_options_with_their_defaults() -> None:
    doc = get_rule("BP100").options_doc()
    assert doc.startswith("## Options")
    assert "`repeated-line-min-docs` (int, default 5)" in doc
    assert get_rule("SP001").options_doc() == ""
    assert get_rule("QT006").to_dict()["options"]["straight-quotes"]["default"] is None


def test_a_selection_knows_its_corpus_aware_rules() -> None:
    """The profile pass asks, for every document, which of its rules collect corpus
    statistics: the selection answers, the rules with corpus hooks in code order."""
    for selection in (select_rules(), select_rules(select=["ALL"]), select_rules(ignore=["BP"])):
        assert selection.corpus == tuple(r for r in selection if r.corpus is not None)
    assert "BP100" in [r.code for r in select_rules().corpus]
    assert "BP100" not in [r.code for r in select_rules(ignore=["BP"]).corpus]


def test_a_selection_knows_its_rules_that_need_a_source_text() -> None:
    selection = select_rules(select=["ALL"])
    assert selection.monolingual == tuple(r for r in selection if not r.bilingual)
    assert {r.code for r in selection if r.bilingual} >= {"BL003", "BL011", "NU001"}
    assert not get_rule("NU002").bilingual  # number formats are read without a source


@pytest.mark.parametrize("rule", [r for r in all_rules() if r.bilingual], ids=lambda r: r.code)
def test_a_bilingual_rule_finds_nothing_without_a_source(rule) -> None:
    """What lets the engine leave it out of a monolingual document: it returns at once."""
    from termcheck.document import Document

    texts = ["Es kamen 164 Menschen (laut Polizei) nach Kiew. Sie sagte: „Wir bleiben.“",
             "He said: \"We stay\" in Kyiv, see https://example.org or @handle. 5.800 people!"]
    for text in texts:
        assert list(rule.check(Document(text), Context())) == []


def test_the_engine_asks_a_bilingual_rule_only_about_a_document_with_a_source() -> None:
    from termcheck.bilingual import attach_source
    from termcheck.config import Config
    from termcheck.document import Document
    from termcheck.engine import check_document
    from termcheck.model import Hit
    from termcheck.rules import registry

    asked = []

    def everywhere(doc, ctx):  # type: ignore[no-untyped-def]
        asked.append(doc.text)
        yield Hit(0, 3, "found")

    registry.register(replace(get_rule("BL003"), code="XX991", name="everywhere",
                              check=everywhere, default=False))
    try:
        config = Config(lang="en", select=("XX991",))
        target = Document("One two three.\n")
        assert check_document(target, config).findings == [] and asked == []
        assert attach_source(target, Document("Eins zwei drei.\n"), "de") is None
        assert [f.code for f in check_document(target, config).findings] == ["XX991"]
        assert asked == ["One two three.\n"]
        asked.clear()
        alone = Document("Four five six.\n")
        assert check_document(alone, config, rules=[get_rule("XX991")]).findings == []
        assert asked == []  # rules given as a plain list are left out as well
    finally:
        assert registry.unregister("XX991") is not None
