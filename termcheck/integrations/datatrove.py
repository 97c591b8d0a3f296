"""datatrove: a pipeline step that lints or cleans documents, findings kept in the metadata.

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from termcheck.integrations.datatrove import TermcheckStep

    LocalPipelineExecutor(pipeline=[
        JsonlReader("raw/"),
        TermcheckStep(clean=True),          # or TermcheckStep() to lint only
        JsonlWriter("cleaned/"),
    ]).run()

Each document gets ``metadata["termcheck_findings"]`` (records with the keys of
:data:`~termcheck.integrations.core.FINDING_KEYS`) and ``metadata["termcheck_count"]``; with
``clean=True`` its text is cleaned as ``termcheck clean`` would and
``metadata["termcheck_changes"]`` holds the ledger. The document's language is read from
``metadata["language"]`` (what datatrove's language filter writes) when present.
``drop_with_findings=True`` turns the step into a filter that keeps clean documents only.
Install with ``pip install 'termcheck[datatrove]'``.
"""

from __future__ import annotations

from typing import Any, Iterator

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError("termcheck.integrations.datatrove needs datatrove: "
                      "pip install 'termcheck[datatrove]'") from exc

from termcheck.config import Config
from termcheck.integrations.core import Checker, annotate


class TermcheckStep(PipelineStep):
    """Lint (or clean) every document; findings go to its metadata (see the module)."""

    name = "termcheck"
    type = "🔎 - CHECK"

    def __init__(self, config: Config | None = None, clean: bool = False, unsafe: bool = False,
                 drop_with_findings: bool = False, lang_key: str = "language") -> None:
        super().__init__()
        self.checker = Checker(config or Config(), clean, unsafe)
        self.drop_with_findings = drop_with_findings
        self.lang_key = lang_key

    def run(self, data: DocumentsPipeline, rank: int = 0,
            world_size: int = 1) -> Iterator[Any]:
        for document in data:
            self.stat_update("documents")
            with self.track_time():
                outcome = annotate(document.text, document.metadata, self.checker,
                                   self.lang_key, f"<document {document.id}>")
            document.text = outcome.text
            self.stat_update("findings", value=len(outcome.findings))
            if outcome.changes:
                self.stat_update("changed")
            if self.drop_with_findings and outcome.findings:
                self.stat_update("dropped")
                continue
            yield document
