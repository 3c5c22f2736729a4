"""Keyword auto-coding from the codebook: notes without facilitator codes get codes from the keywords they contain.

A package by concern, each name saying the shape it returns:

| module | what | returns |
|---|---|---|
| ``text`` | folding text and cutting it into words, inflections | words |
| ``matcher`` | the codebook compiled (``compile_codebook``, ``codebook_key``); every match in the notes (``match_notes``) | a DataFrame of matches |
| ``index`` | every note's auto codes, made once per export and codebook (``build_index``) | an ``AutoIndex`` |
| ``apply`` | the codes each "Codes counted" mode gives a note (``with_auto_codes``, ``code_lists``) | notes with codes |
| ``evaluation`` | the auto-coder against the facilitators; what it codes; notes the codebook misses | tables |
| ``words`` | the words that come up in the notes the codebook misses (``frequent_words``) | a table |
| ``sentences`` | the Codebook page's sentences | text |
| ``heldout`` | the auto-coder on real statements held out from tuning (data/evaluation/); results.json | figures |
| ``supervised`` | a supervised theme coder measured against the keywords (not used by the dashboard) | figures |

How a keyword matches (docs/analysis/codebook.md says the same for people):

- Text and keywords are *folded* the same way: Unicode NFKD; accents and other combining marks of Latin, Greek and
  Cyrillic letters removed; Arabic short vowels and tatweel removed, alef/yeh/teh marbuta variants unified; the
  Devanagari nukta removed and candrabindu written as anusvara; lower case (ß → ss, œ → oe, æ → ae).
- Text is cut into words on anything that is not a letter, a combining mark or a digit, so a Devanagari vowel sign or
  an Arabic letter never splits a word, and a keyword only ever matches whole words ("ai" is not found in "said").
- A keyword of several words matches the same words next to each other in one note ("code of conduct").
- A keyword ending in ``*`` is a stem: "barrier*" matches "barrier", "barriers", "barrierefrei".
- Other words tolerate simple inflections of their language: "partners" matches "partner", "inclusión" matches
  "inclusiones", "समुदाय" matches "समुदायों"; an Arabic word also matches with و/ف and ب/ل/ك attached in front.
- A note written in a language the codebook has keywords for is matched against that language's keywords only; a
  note in any other language (or with no language) against every language's.

Speed: the note text is never folded or split by a per-row kernel. Words are cut at ASCII separators with NumPy
over the UTF-8 buffer, the distinct raw words are dictionary-encoded, and only that vocabulary is folded, split further
and looked up; keyword positions are then matched with NumPy. docs/analysis/codebook.md, "Speed", has the figures.
"""

from .apply import MODES, code_lists, with_auto_codes
from .arrays import COLUMNS, LIST_DTYPE, LIST_TYPE
from .evaluation import (
    CodebookTables,
    code_examples,
    codebook_table,
    codebook_tables,
    counts_by_source,
    coverage,
    evaluate,
    evaluation_summary,
    keywords_text,
    unmatched,
)
from .index import AutoIndex, build_index, index_from_matches
from .matcher import MATCH_COLUMNS, Matcher, codebook_key, compile_codebook, match_notes
from .sentences import counts_sentence, evaluation_sentence, words_sentence
from .text import fold, fold_array, words, words_of
from .words import STOPWORDS_FILE, frequent_words, load_stopwords

__all__ = [
    "CodebookTables",
    "codebook_tables",
    "COLUMNS",
    "LIST_DTYPE",
    "LIST_TYPE",
    "MATCH_COLUMNS",
    "MODES",
    "STOPWORDS_FILE",
    "AutoIndex",
    "Matcher",
    "build_index",
    "code_examples",
    "code_lists",
    "codebook_key",
    "codebook_table",
    "compile_codebook",
    "counts_by_source",
    "counts_sentence",
    "coverage",
    "evaluate",
    "evaluation_sentence",
    "evaluation_summary",
    "fold",
    "fold_array",
    "frequent_words",
    "index_from_matches",
    "keywords_text",
    "load_stopwords",
    "match_notes",
    "unmatched",
    "with_auto_codes",
    "words",
    "words_of",
    "words_sentence",
]
