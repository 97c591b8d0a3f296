"""Transliteration folding: spellings of one name share a key, different names do not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from termcheck.errors import DataError
from termcheck.names.translit import (
    Folder,
    FoldRule,
    default_folder,
    fold,
    load_folder,
    required_text,
)

SAME = [
    ("Kasym", "Kassym", "Qasym"),
    ("Jomart", "Zhomart", "Shomart", "Dzhomart"),
    ("Dmitri", "Dmitry", "Dmitriy", "Dmitrii"),
    ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskii"),
    ("Sergei", "Sergey"),
    ("Kostanai", "Kostanay"),
    ("Tokayev", "Tokaev"),
    ("Alexei", "Alexey", "Aleksei"),
    ("Alexander", "Aleksandr"),
    ("Natalya", "Natalia", "Nataliya"),
    ("Yevgeny", "Evgeny"),
    ("Mikhail", "Mihail"),
    ("Ivanovich", "Ivanovič"), ("Pyotr", "Pëtr"),
    ("Kassym-Jomart Tokayev", "Kasym-Zhomart Tokaev"),
]
DIFFERENT = [
    ("Alexander", "Alexandra"), ("Ivanov", "Ivanova"), ("Jong-un", "Jong-il"),
    ("Jane", "Shane"), ("Han", "Khan"), ("Louis", "Luis"), ("Anna", "Ana"), ("Terry", "Terri"),
    ("Tinkoff", "Tinkov"), ("Mihhail", "Mikhail"), ("Karen", "Karren"),
    ("Flughafen", "Flughäfen"), ("Layout", "Laut"), ("Nur-Sultan", "Nursultan"),
]


@pytest.mark.parametrize("spellings", SAME, ids=lambda s: "/".join(s))
def test_spellings_of_one_name_share_a_key(spellings: tuple[str, ...]) -> None:
    assert len({fold(s) for s in spellings}) == 1


@pytest.mark.parametrize("pair", DIFFERENT, ids=lambda s: "/".join(s))
def test_different_names_keep_different_keys(pair: tuple[str, str]) -> None:
    assert fold(pair[0]) != fold(pair[1])


def test_case_and_spaces_do_not_matter() -> None:
    assert fold("DMITRY  peskov") == fold("Dmitri Peskov")


@pytest.mark.parametrize(("row", "message"), [
    ("(unclosed\tx\t0\tplain", "bad pattern"),
    ("a\tb\tmany\tplain", "min_length must be an integer"),
    ("a\tb\t0\tlater", "stage must be raw or plain"),
])
def test_bad_fold_table_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "translit.tsv"
    path.write_text(f"pattern\treplace\tmin_length\tstage\nx\tks\t5\tplain\n{row}\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_folder(path)
    assert str(error.value).startswith(f"{path}:3: {message}")


@pytest.mark.parametrize(("pattern", "needs"), [
    ("ander$", "ander"), ("^q", "q"), ("(?<=[bcd])y$", "y"), ("([oe])witsch$", "witsch"),
    ("(?:ey|ej)$", "e"), ("[’']", None), ("(?:iy|ii)$", "i"), ("(?:iy|yy)$", None),
    ("a?b", "b"), ("ab*c", "a"), ("(?i)ss", None), ("x(?=y)z", "xz"),
])
def test_a_fold_rule_is_tried_only_on_text_with_what_every_match_holds(
        pattern: str, needs: str | None) -> None:
    assert required_text(re.compile(pattern)) == needs


def test_skipping_rules_by_their_literals_folds_as_before() -> None:
    folder = default_folder()
    plain = Folder(tuple(FoldRule(r.pattern, r.replace, r.min_length, r.raw, needs="")
                         for r in folder.rules))  # "" is in every text: every rule is tried
    for name in ("Aleksandr", "Alexander", "Kassym-Jomart", "Zelenskyy", "Iwanowitsch",
                 "Mikhaylovich", "Qostanay", "Gorbatschow", "Pëtr", "Chruščëv", "Youssef"):
        assert plain.key(name) == folder.key(name)


def test_a_raw_rule_that_writes_a_diacritic_into_ascii_text_is_folded_as_any_other() -> None:
    """ASCII text skips normalising only while it stays ASCII: a caller's raw rule may write a
    letter with a diacritic, which the key then loses as for any other text."""
    from termcheck.names.translit import Folder, FoldRule

    folder = Folder((FoldRule(re.compile("ae"), "ä", 0, raw=True),))
    assert folder.key("Maer") == folder.key("Mär") == "mar"


def test_a_full_folder_memo_folds_the_same_and_stays_bounded(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past :data:`translit.MEMO_SIZE` distinct names the folder still answers, the same as a
    fresh one, without remembering more (the memos bound a long run's memory)."""
    from termcheck.names import translit

    monkeypatch.setattr(translit, "MEMO_SIZE", 3)
    rules = default_folder().rules
    folder = Folder(rules)
    names = ["Dmitri", "Kassym-Jomart", "Tokayev", "Zelenskiy", "Sergey Lavrov", "Natalya"]
    keys = [folder.key(name) for name in names * 2]
    assert keys == [Folder(rules).key(name) for name in names] * 2  # each from a fresh folder
    assert len(folder._memo) <= 3 and len(folder._keys) <= 3
