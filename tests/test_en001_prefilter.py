"""EN001's prefilter: a lead byte's character before ASCII is no mojibake ftfy repairs."""

from __future__ import annotations

import re


def test_a_lead_character_before_ascii_is_no_mojibake_ftfy_repairs() -> None:
    """EN001's prefilter skips a lead byte's character before an ASCII character that cannot
    continue a UTF-8 sequence ("château", "Ärzte", "Г-н"): ftfy leaves such text alone."""
    from ftfy import fix_and_explain

    from termcheck.rules.encoding import _SUSPECT, _ftfy_config

    config = _ftfy_config()
    leads = [chr(c) for c in range(0xC2, 0x2580) if re.fullmatch(
        "[\u00c2-\u00c5\u00ce\u00cf\u00d0\u00d1\u00d8\u00d9\u00e2\u00f0\u0102\u0103"
        "\u2500-\u257f\u221aГ]", chr(c))]
    followers = [chr(c) for c in range(0x21, 0x7F) if chr(c) != "?"]
    skipped = 0
    for lead in leads:
        for follower in followers:
            for line in (f"x{lead}{follower}y", f"{lead}{follower}", f"Путин {lead}{follower}н"):
                if _SUSPECT.search(line) is None:
                    skipped += 1
                    assert fix_and_explain(line, config).text == line, line
    assert skipped > 10_000



def test_three_byte_mojibake_is_examined_even_beside_clean_letters() -> None:
    """Chinese, Japanese, Korean and Hindi text read as Windows-1252 starts with a letter that
    French or German also use ("ä½", "ã\x81", "ì•", "à¤"); such a line reaches ftfy, whatever
    else it holds, and EN001 repairs it."""
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)

    from termcheck.api import lint_text
    from termcheck.config import Config
    from termcheck.rules.encoding import _SUSPECT

    for word in ("你好世界", "こんにちは", "안녕하세요", "नमस्ते"):
        garbled = word.encode("utf-8").decode("sloppy-windows-1252")
        line = f"Die Ärzte said {garbled} today."
        assert _SUSPECT.search(line) is not None, line
        found = lint_text(line, Config(select=("EN001",), lang="en"))
        assert [f.code for f in found] == ["EN001"], line


def test_accented_letters_of_clean_latin_text_are_not_suspects() -> None:
    from termcheck.rules.encoding import _SUSPECT

    clean = "Déjà vu à l'été, naïve Zürich, São Paulo, ça et être, le café » ici, voilà !"
    assert _SUSPECT.search(clean) is None


def test_ftfy_gate_is_ftfys_own_test_loaded_without_the_package() -> None:
    """EN001 asks ftfy's ``is_bad`` (loaded from ftfy/badness.py alone) before importing ftfy:
    the same pattern as the package's, and no import of the package for clean French text."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from termcheck.rules import encoding\n"
        "line = 'Il a déclaré\\u00a0: «\\u00a0Liberté\\u00a0», a-t-il ajouté\\u00a0.'\n"
        "assert encoding._SUSPECT.search(line)\n"
        "assert not encoding._ftfy_may_change(line)\n"
        "assert 'ftfy' not in sys.modules\n"
        "from termcheck.api import lint_text\n"
        "from termcheck.config import Config\n"
        "assert lint_text(line, Config(select=('EN001',), lang='fr')) == []\n"
        "assert 'ftfy' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", script], check=True)
    from ftfy import badness

    from termcheck.rules.encoding import _ftfy_is_bad
    _ftfy_is_bad.cache_clear()
    assert _ftfy_is_bad() is badness.is_bad  # once ftfy is imported, its own module


def test_lines_the_ftfy_gate_passes_over_are_left_alone_by_ftfy() -> None:
    """Whatever the gate says ftfy would not change, ftfy leaves unchanged: lead-byte
    characters before every Latin-1 and Windows-1252 character, in French, German and Russian
    lines."""
    from ftfy import fix_and_explain

    from termcheck.rules.encoding import _SUSPECT, _ftfy_config, _ftfy_may_change

    config = _ftfy_config()
    leads = [chr(c) for c in range(0xC0, 0x100)] + ["Р", "С", "Г", "×", "в", "√", "─", "Ă"]
    followers = sorted({chr(c) for c in range(0x80, 0x100)}
                       | set(bytes(range(0x80, 0x100)).decode("cp1252", "ignore")) | {" ", "?"})
    passed = 0
    for lead in leads:
        for follower in followers:
            for line in (f"x{lead}{follower}y", f"Liberté {lead}{follower}» ici",
                         f"Путин {lead}{follower}н", f"{lead}{follower}"):
                if _SUSPECT.search(line) and not _ftfy_may_change(line):
                    passed += 1
                    assert fix_and_explain(line, config).text == line, line
    assert passed > 1_000
