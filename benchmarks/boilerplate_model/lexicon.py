"""The learned lexicon of the BP003 training designs ``lexicon-*``: hashed words or character
n-grams as features of the line model. Measured, never shipped (see the rule doc), so it lives
beside the training script, not in the runtime rule."""

from __future__ import annotations

import itertools
import math
import re
import zlib
from dataclasses import dataclass

from termcheck.rules.boilerplate_model import Line

HASH_PREFIX = "h_"  # features of a learned lexicon: hashed words or character n-grams
HASH_KINDS = ("words", "chars")
CHAR_SIZES = (3, 4, 5)  # character n-grams of a "chars" lexicon


@dataclass(frozen=True)
class Hashing:
    """A learned lexicon's features: the line's words and word pairs (``words``) or its
    character n-grams (``chars``, CHAR_SIZES, across word boundaries), case-folded with every
    run of digits read as 0, hashed by CRC-32 (the same on every platform and run) into
    ``buckets`` features ``h_0`` … Each present bucket's value is 1, divided by the square root
    of the number of present buckets with ``normalise``."""

    kind: str
    buckets: int
    normalise: bool = False

    def features(self, line: Line) -> dict[str, float]:
        grams = self._grams(line)
        hashed = sorted({zlib.crc32(gram.encode("utf-8")) % self.buckets for gram in grams})
        value = 1.0 / math.sqrt(len(hashed)) if self.normalise and hashed else 1.0
        return {f"{HASH_PREFIX}{bucket}": value for bucket in hashed}

    def _grams(self, line: Line) -> list[str]:
        if self.kind == "words":
            words = [_DIGIT_RUN.sub("0", token) for token in line.tokens]
            return [f"w {w}" for w in words] + [f"b {a} {b}" for a, b in itertools.pairwise(words)]
        text = " " + _DIGIT_RUN.sub("0", " ".join(line.text.casefold().split())) + " "
        return [f"c {text[i:i + size]}" for size in CHAR_SIZES
                for i in range(len(text) - size + 1)]


_DIGIT_RUN = re.compile(r"\d+")
