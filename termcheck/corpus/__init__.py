"""Corpus input and output: readers, writers, the corpus profile and executors."""
