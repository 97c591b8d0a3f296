"""BP100's corpus profile: counted once per document, merged in any order, kept bounded."""

from __future__ import annotations

import io
from collections import Counter

from termcheck.config import Config
from termcheck.context import Context
from termcheck.corpus.counts import KeyCounts
from termcheck.document import Document
from termcheck.progress import ProgressBar
from termcheck.rules import repeated
from termcheck.rules.repeated import LineCounts, collect, line_key, merge

DOCS = [Document(f"Title {i}\nShared footer line\nShared footer line\nBody {i % 3} text\n")
        for i in range(7)]


def test_a_line_counts_once_per_document_and_titles_are_exempt() -> None:
    stats = collect(DOCS[0], Context(Config()))
    assert stats.documents == 1
    assert stats.counts == KeyCounts(Counter({line_key("shared  FOOTER line"): 1,
                                              line_key("Body 0 text"): 1}))


def test_lines_are_cut_at_every_kind_of_line_break_as_the_document_cuts_them() -> None:
    """A text with "\\r\\n" or "\\r" breaks counts the lines a "\\n" text with the same
    lines counts (the breaks are made "\\n" only when the text holds a "\\r")."""
    lines = ["Title", "Shared footer line", "", "Body text here", "Another line"]
    plain = collect(Document("\n".join(lines)), Context(Config()))
    for brk in ("\r\n", "\r", "\r\n\r"):
        doc = Document(brk.join(lines))
        assert collect(doc, Context(Config())) == plain
        assert repeated._texts_after_title(doc) == [
            doc.text[start:end] for start, end in doc.lines() if doc.text[start:end].strip()][1:]


def test_merge_is_associative_and_commutative() -> None:
    parts = [collect(doc, Context(Config())) for doc in DOCS]
    left = merge(merge(parts[0], parts[1]), merge(parts[2], parts[3]))
    right = merge(parts[3], merge(parts[2], merge(parts[1], parts[0])))
    assert left == right
    assert left.seen(line_key("Shared footer line")) == 4


def test_past_the_exact_limit_a_line_is_still_found_in_a_large_corpus(monkeypatch) -> None:
    """Counts become estimates (a fixed-size sketch): the repeated line is still reported."""
    monkeypatch.setattr(KeyCounts.__init__, "__defaults__", (None, None, 3))
    docs = [Document(f"Title {i}\nShared footer line\nBody {i} text, unique\n") for i in range(60)]
    context = Context(Config())
    total = LineCounts()
    for doc in docs:
        repeated.merge_into(total, collect(doc, context))
    assert not total.counts.is_exact and total.frequent(5) is None
    assert total.seen(line_key("Shared footer line")) == 60
    context = Context(Config(), profile={"BP100": total})
    hits = list(repeated.repeated_line(docs[0], context))
    assert [docs[0].text[h.start:h.end] for h in hits] == ["Shared footer line"]
    assert hits[0].message == "Line repeated in about 60 of 60 documents (boilerplate)"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_draws_on_a_terminal_only_for_long_runs() -> None:
    terminal, pipe = Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        bar = ProgressBar("cleaning", stream)
        bar(1, 5)
        bar(100, 100)
        bar.close()
    assert pipe.getvalue() == ""
    assert "100/100 files" in terminal.getvalue() and "1/5" not in terminal.getvalue()


def test_the_check_view_keeps_what_the_check_reads() -> None:
    """Over 100 documents, lines seen in one document are dropped for the check: the same
    findings; on fewer documents (a line in one may then be reported) nothing is dropped."""
    docs = [Document(f"Title {i}\n{'Read more' if i % 4 else 'Share this'}\nBody {i} text, "
                     f"unique\nPair {i // 2} line\nShared footer line\n") for i in range(150)]
    context = Context(Config())
    total = LineCounts()
    for doc in docs:
        repeated.merge_into(total, collect(doc, context))
    view = total.for_check()
    assert len(view.counts) < len(total.counts) and view.documents == total.documents
    for doc in docs:
        found = [list(repeated.repeated_line(doc, Context(Config(), profile={"BP100": stats})))
                 for stats in (total, view)]
        assert found[0] == found[1]
    assert list(repeated.repeated_line(docs[1], Context(Config(), profile={"BP100": view})))
    small = merge(collect(docs[0], context), collect(docs[1], context))
    assert small.for_check() is small
