"""Person and place names: transliteration folding, candidate extraction, variant profiles."""
