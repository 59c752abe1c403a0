"""The reference scorer (``pipeline.evaluation.reference``) on small Markdown texts."""

from pipeline.evaluation.reference import score_markdown


def test_quotes_of_any_shape_and_control_characters_do_not_break_a_paragraph_match():
    """docling prints a document's curly quotes as straight ones, and a checkbox glyph with no
    Unicode mapping as U+0084: the paragraph is the same text all the same."""
    ours = "# Survey\n\n“Don’t know” is an answer.\n\n- Yes, at the national level"
    theirs = "# Survey\n\n'Don't know' is an answer.\n\n- \x84 \x84 Yes, at the national level"
    scores = score_markdown(ours, theirs, "survey")
    assert (scores.paragraphs_whole, scores.paragraphs) == (2, 2)


def test_a_lone_star_is_text_on_both_sides_and_paired_stars_are_emphasis():
    """A note mark after an author's name is an unpaired ``*``: text in the reference as in our
    escaped ``\\*``; paired stars are emphasis on either side."""
    ours = "Kim C.\\*\n\n*Please select* all that apply"
    theirs = "Kim C.*\n\nPlease select all that apply"
    scores = score_markdown(ours, theirs, "note mark")
    assert (scores.paragraphs_whole, scores.paragraphs) == (2, 2)


def test_a_conjunction_joined_to_a_latin_word_counts_as_the_same_words_as_spaced():
    """Arabic joins its "و" (and) to the next word, a Latin one too: "وPython" in the output and
    "و Python" in the reference are the same two words."""
    scores = score_markdown("تعتبر البرمجة بلغة R وPython مفيدة.", "تعتبر البرمجة بلغة R و Python مفيدة.", "rtl")
    assert (scores.word_precision, scores.word_recall) == (1.0, 1.0)
