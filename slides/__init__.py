"""The plenary slides: one finding per slide, computed from the data; and the offline HTML deck.

Pure composition of analysis/ and charts/: no Streamlit, so the Present page, the deck download and the tests build the
very same slides.
"""

from .deck import build_deck
from .registry import SLIDES, Skipped, Slide, build_slides, on_screen, parse_slide_ids

__all__ = ["SLIDES", "Skipped", "Slide", "build_deck", "build_slides", "on_screen", "parse_slide_ids"]
