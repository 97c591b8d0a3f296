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

