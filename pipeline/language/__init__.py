"""Word knowledge: the spelling dictionary, word frequencies, a document's own vocabulary, word pairs."""
