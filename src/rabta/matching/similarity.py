"""Optional cross-language text similarity from a small static embedding model.

Off by default: the lexical fallback (shared content words) is what the default install and
CI use. To turn it on, install the optional extra ``model2vec`` and point the setting
``RABTA_MATCHING_EMBEDDING_MODEL`` at a model directory on this machine (loaded offline, never
downloaded at run time). Any failure to load falls back to the lexical similarity.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)


@functools.cache
def _model(path: str):
    # Only a folder that exists here: given anything else (a model name such as
    # "minishlab/potion-base-8M"), model2vec would try to download it from the Hugging Face hub.
    if not Path(path).is_dir():
        logger.warning(
            "RABTA_MATCHING_EMBEDDING_MODEL must be a model folder on this machine; %r is not"
            " one (models are never downloaded): using the lexical similarity",
            path,
        )
        return None
    try:
        from model2vec import StaticModel  # optional extra
    except ImportError:
        logger.info("model2vec is not installed: using the lexical similarity")
        return None
    try:
        return StaticModel.from_pretrained(path)
    except Exception:  # noqa: BLE001 - any broken model means: fall back
        logger.warning(
            "Could not load the embedding model at %s: using the lexical similarity", path
        )
        return None


def embedding_model():
    path = getattr(settings, "RABTA_MATCHING_EMBEDDING_MODEL", "")
    return _model(path) if path else None


def similarities(query_text: str, texts: dict[int, str]) -> dict[int, float] | None:
    """Cosine similarity of ``query_text`` to each text, or None without a model."""
    model = embedding_model()
    if model is None or not query_text or not texts:
        return None
    import numpy as np

    ids = list(texts)
    vectors = model.encode([query_text, *[texts[i] for i in ids]])
    norms = np.linalg.norm(vectors, axis=1)
    norms[norms == 0] = 1.0
    unit = vectors / norms[:, None]
    scores = unit[1:] @ unit[0]
    return {i: float(s) for i, s in zip(ids, scores, strict=True)}
