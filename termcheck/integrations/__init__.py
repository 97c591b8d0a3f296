"""Adapters for the corpus tools people already run (each behind an optional extra).

- :mod:`termcheck.integrations.hf`: a function for Hugging Face ``datasets`` ``Dataset.map``
  (batched) that adds findings, or cleans the text column (``pip install 'termcheck[hf]'``);
- :mod:`termcheck.integrations.datatrove`: a datatrove pipeline step that lints or cleans
  documents and keeps the findings in their metadata (``pip install 'termcheck[datatrove]'``).

Both are thin layers over :mod:`termcheck.integrations.core`, pure functions on plain Python
values that need neither package.
"""
