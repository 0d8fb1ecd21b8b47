"""The language of a story, as an ISO 639-1 code (py3langid: a small model shipped in its package)."""

from __future__ import annotations

import functools
import threading
from typing import Any

_SAMPLE_CHARS = 500
"""733 dev stories: 1 label differs between 2,000 and 1,000 characters (lb -> pt, now right); none
between 1,000 and 500 (660 dev and seed stories, text and HTML), 1 ms less each."""
_MIN_LETTERS = 10
_LOADING = threading.Lock()  # the model is loaded once even when preload() is still at it


def detect(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell.

    >>> detect("광주광역시가 고객만족경영 부문 대상을 수상했다."), detect("…")
    ('ko', None)
    """
    sample = text[:_SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < _MIN_LETTERS:
        return None
    code, _score = _identifier().classify(sample)
    return str(code)


def preload() -> None:
    """Start loading the model in a background thread, to overlap the work before the first `detect`.

    Most of the ~0.9 s load is xz decompression, which releases the GIL.
    """
    threading.Thread(target=_identifier, name="clipclean-lang", daemon=True).start()


def _identifier() -> Any:
    with _LOADING:
        return _load()


@functools.lru_cache(maxsize=1)
def _load() -> Any:
    """The model, loaded once per process on first use (about a second); it never changes.

    Its labels include ISO 639-3 codes (ace, ary, ...); only two-letter ISO 639-1 codes are kept.
    """
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
    identifier.set_languages([code for code in identifier.labels if len(code) == 2])
    return identifier
