"""Property: whatever the text, cleaning converges, is idempotent and its ledger restores it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from termcheck.clean import clean_filter
from termcheck.config import Config
from termcheck.document import Document
from termcheck.edits import apply_changes, restore
from termcheck.engine import fix_document

PIECES = ["Kazakhstan", "â€™s", "â€œ", "â€", " ", "\n", "\r\n", "\u00ad", "\u200b", "\u200d",
          "\x85", "\x07", "\ufeff", "Ã¼ber", "itâs", "«", "»", "(", ")", "é", "👩", "\u0645\u06cc"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25))
def test_clean_round_trips_on_any_mix_of_artefacts(pieces: list[str]) -> None:
    original = "".join(pieces)
    config = Config(select=("EN", "BP", "BR"))
    result = fix_document(Document(original), config, clean_filter())
    assert result.converged, result.problems
    assert apply_changes(original, result.ledger) == result.text
    assert restore(result.text, result.ledger) == original
    again = fix_document(Document(result.text), config, clean_filter())
    assert again.text == result.text
