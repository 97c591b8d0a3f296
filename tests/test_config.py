"""Configuration files: discovery, validation with file and line, overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from termcheck.config import Config, ConfigResolver, find_config_file, load_config_file
from termcheck.errors import ConfigError


def _french_folder_in_german_one(root: Path, file: str = "termcheck.toml",
                                 text: str = 'lang = "fr"\n') -> Path:
    """``root`` configured for German, and its sub-folder ``fr`` (returned) for French."""
    (root / "termcheck.toml").write_text('lang = "de"\n')
    sub = root / "fr"
    sub.mkdir()
    (sub / file).write_text(text)
    return sub


def test_nearest_file_wins(tmp_path: Path) -> None:
    sub = _french_folder_in_german_one(tmp_path, "pyproject.toml",
                                       '[tool.termcheck]\nlang = "fr"\n')
    (sub / "a.txt").write_text("x")
    (tmp_path / "b.txt").write_text("x")
    resolver = ConfigResolver()
    assert resolver.for_path(sub / "a.txt").lang == "fr"
    assert resolver.for_path(tmp_path / "b.txt").lang == "de"


def test_each_path_and_folder_looked_up_once_with_the_answers_of_a_fresh_look_up(
        tmp_path: Path) -> None:
    """The resolver remembers each path's and each folder's configuration: asked again, or
    for another file of the folder, it answers what a resolver asked once answers."""
    sub = _french_folder_in_german_one(tmp_path)
    plain = tmp_path / "plain"
    plain.mkdir()
    paths = [sub / "a.txt", sub / "b.txt", tmp_path / "c.txt", sub, tmp_path, plain / "d.txt",
             str(sub / "a.txt"), plain]
    for path in paths[:6]:
        Path(path).is_dir() or Path(path).write_text("x")
    resolver = ConfigResolver(overrides={"select": None})
    first = [resolver.for_path(path) for path in paths]
    assert [c.lang for c in first] == ["fr", "fr", "de", "fr", "de", "de", "fr", "de"]
    assert [resolver.for_path(path) for path in reversed(paths)] == first[::-1]
    for path, config in zip(paths, first):
        assert ConfigResolver(overrides={"select": None}).for_path(path) == config
    assert first[0] is first[1]  # one folder, one look-up


def test_a_document_s_configuration_is_its_file_s_without_a_look_at_the_file_system(
        tmp_path: Path) -> None:
    """``for_document`` takes a document's path for a file (or a record of one): it answers
    what ``for_path`` answers for that file, and for a JSONL record what it answers for the
    file holding it."""
    sub = _french_folder_in_german_one(tmp_path)
    (sub / "a.txt").write_text("x")
    (tmp_path / "b.jsonl").write_text("{}")
    documents = {str(sub / "a.txt"): sub / "a.txt", str(tmp_path / "b.jsonl") + "#3":
                 tmp_path / "b.jsonl", str(sub / "unread.txt"): sub / "unread.txt"}
    for document, file in documents.items():
        fresh = ConfigResolver(overrides={"select": None})
        assert fresh.for_document(document) == fresh.for_path(file)
    assert [ConfigResolver().for_document(d).lang for d in documents] == ["fr", "de", "fr"]


def test_documents_and_folders_asked_of_one_resolver_get_a_fresh_resolver_s_answers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``for_document`` keys its table by the text of a path up to its last separator: paths
    of one folder written in several ways, folders asked for by ``for_path`` in between, and
    a bare file name (the current folder) each get what a fresh resolver answers."""
    sub = _french_folder_in_german_one(tmp_path)
    (sub / "a.txt").write_text("x")
    monkeypatch.chdir(sub)
    asked = [("doc", str(sub / "a.txt")), ("path", str(sub)), ("doc", str(sub) + "//b.txt"),
             ("path", str(sub) + "/"), ("doc", "a.txt"), ("doc", str(tmp_path / "c.txt")),
             ("path", str(tmp_path)), ("doc", "/c.txt"), ("doc", str(sub / "x.jsonl") + "#a/b")]
    shared = ConfigResolver(overrides={"select": None})
    for how, path in asked:
        fresh = ConfigResolver(overrides={"select": None})
        ask = "for_document" if how == "doc" else "for_path"
        assert getattr(shared, ask)(path) == getattr(fresh, ask)(path), (how, path)
    assert shared.for_document("a.txt").lang == "fr"
    assert shared.for_document(str(tmp_path / "c.txt")).lang == "de"


def test_an_option_set_twice_keeps_its_last_value() -> None:
    config = Config(options=(("french-spacing", "none"), ("french-spacing", "narrow")))
    assert config.option("french-spacing") == "narrow"
    assert config.option("straight-quotes", "unset") == "unset"


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "termcheck.toml").write_text('lang = "ru"\n')
    sub = tmp_path / "pkg"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert find_config_file(sub) == tmp_path / "termcheck.toml"


def test_cli_overrides_win(tmp_path: Path) -> None:
    (tmp_path / "termcheck.toml").write_text('lang = "de"\nignore = ["BR"]\n')
    config = ConfigResolver(overrides={"lang": "en", "select": None}).for_path(tmp_path)
    assert config.lang == "en" and config.ignore == ("BR",)


def test_unknown_key_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "termcheck.toml"
    path.write_text('lang = "en"\n\nselekt = ["QT"]\n')
    with pytest.raises(ConfigError) as info:
        load_config_file(path)
    assert str(info.value).startswith(f"{path}:3: unknown setting 'selekt'")


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "termcheck.toml"
    path.write_text('lang = "en"\nselect = [QT\n')
    with pytest.raises(ConfigError, match=r"termcheck.toml:2: invalid TOML"):
        load_config_file(path)


def test_wrong_type_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.termcheck]\nselect = "QT"\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml:2: 'select' must be a list"):
        load_config_file(path)


def test_per_file_ignores_match_relative_globs(tmp_path: Path) -> None:
    path = tmp_path / "termcheck.toml"
    path.write_text('[per-file-ignores]\n"archive/*.txt" = ["BR"]\n')
    config = load_config_file(path)
    assert config.ignored_for(str(tmp_path / "archive" / "old.txt")) == ("BR",)
    assert config.ignored_for(str(tmp_path / "new.txt")) == ()


def test_paths_in_config_are_relative_to_it(tmp_path: Path) -> None:
    path = tmp_path / "termcheck.toml"
    path.write_text('glossaries = ["terms/ours.tsv"]\n')
    assert load_config_file(path).glossaries == (tmp_path.resolve() / "terms" / "ours.tsv",)


def test_default_config_targets_english() -> None:
    assert Config().lang == "en" and Config().select is None


def test_a_malformed_language_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "termcheck.toml"
    path.write_text('select = ["QT"]\nlang = "English"\n')
    with pytest.raises(ConfigError, match=r"termcheck\.toml:2: 'lang' must be a language code"):
        load_config_file(path)


@pytest.mark.parametrize(("toml", "error"), [
    pytest.param('lang = "en"\nselect = ["QT", "ZZ999"]\n',
                 r"termcheck\.toml:2: select: unknown rule code or name: ZZ999",
                 id="a typo in select must not leave the linter checking nothing"),
    pytest.param('[per-file-ignores]\n"a/*.txt" = ["BR"]\n"b/*.txt" = ["BRR001"]\n',
                 r":3: per-file-ignores 'b/\*\.txt': unknown rule code or name: BRR001",
                 id="per-file-ignores names its glob"),
    pytest.param("ignore = [1]\n", r":1: ignore must be a list of rule codes or names",
                 id="selectors are strings"),
    pytest.param('lang = "en"\nselect = [""]\n', r":2: select is empty: nothing would be checked",
                 id="an empty select would check nothing"),
])
def test_rule_selectors_that_match_no_rule_name_file_and_line(tmp_path: Path, toml: str,
                                                               error: str) -> None:
    path = tmp_path / "termcheck.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError, match=error):
        load_config_file(path)


def test_codes_names_and_prefixes_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "termcheck.toml"
    path.write_text('select = ["QT", "name-inconsistent", "br001"]\nignore = ["LG"]\n')
    config = load_config_file(path)
    assert config.select == ("QT", "name-inconsistent", "br001") and config.ignore == ("LG",)


def test_a_pyproject_error_points_into_termcheck_s_table(tmp_path: Path) -> None:
    """ruff's own ``select`` above it is not the line at fault."""
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.ruff.lint]\nselect = ["E"]\n\n[tool.termcheck]\nselect = ["QT01"]\n')
    with pytest.raises(ConfigError, match=r"pyproject\.toml:5: select: unknown rule code"):
        load_config_file(path)
