"""The optional embedding similarity, with a stand-in model (the real one is an optional extra)."""

import numpy as np

from rabta.matching import similarity


class StandInModel:
    """Maps a text to a vector by the words it contains, like a tiny static embedding."""

    vocabulary = {"surgical": 0, "хирургические": 0, "جراحی": 0, "football": 1, "мяч": 1}

    def encode(self, texts):
        vectors = np.zeros((len(texts), 2))
        for row, text in enumerate(texts):
            for word in text.split():
                if word in self.vocabulary:
                    vectors[row, self.vocabulary[word]] += 1
        return vectors


def test_without_a_model_there_is_no_embedding_similarity(settings):
    settings.RABTA_MATCHING_EMBEDDING_MODEL = ""
    assert similarity.similarities("surgical", {1: "surgical"}) is None


def test_a_missing_package_falls_back(settings, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_model2vec(name, *args, **kwargs):
        if name == "model2vec":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_model2vec)
    similarity._model.cache_clear()
    settings.RABTA_MATCHING_EMBEDDING_MODEL = "/nonexistent/model"
    assert similarity.similarities("surgical", {1: "surgical"}) is None
    similarity._model.cache_clear()


def test_cross_language_similarity_with_a_model(monkeypatch):
    monkeypatch.setattr(similarity, "embedding_model", lambda: StandInModel())
    scores = similarity.similarities("surgical", {1: "хирургические", 2: "мяч", 3: "جراحی"})
    assert scores[1] == 1.0
    assert scores[2] == 0.0
    assert scores[3] == 1.0


class RecordingModel2vec:
    """Stands in for the optional ``model2vec`` package and records what it was asked to load
    (the real one, given a name that is not a folder, goes to the Hugging Face hub)."""

    def __init__(self):
        self.loaded: list[str] = []
        recorder = self

        class StaticModel:
            @staticmethod
            def from_pretrained(path):
                recorder.loaded.append(path)
                return StandInModel()

        self.StaticModel = StaticModel


def test_a_model_name_instead_of_a_folder_is_refused_without_loading(settings, monkeypatch, caplog):
    import sys

    package = RecordingModel2vec()
    monkeypatch.setitem(sys.modules, "model2vec", package)
    similarity._model.cache_clear()
    settings.RABTA_MATCHING_EMBEDDING_MODEL = "minishlab/potion-base-8M"
    with caplog.at_level("WARNING", logger="rabta.matching.similarity"):
        assert similarity.similarities("surgical", {1: "surgical"}) is None
    assert package.loaded == []  # never handed to the loader, so never downloaded
    assert "minishlab/potion-base-8M" in caplog.text and "folder" in caplog.text
    similarity._model.cache_clear()


def test_a_local_model_folder_is_loaded(settings, monkeypatch, tmp_path):
    import sys

    package = RecordingModel2vec()
    monkeypatch.setitem(sys.modules, "model2vec", package)
    similarity._model.cache_clear()
    settings.RABTA_MATCHING_EMBEDDING_MODEL = str(tmp_path)
    assert similarity.similarities("surgical", {1: "хирургические"}) == {1: 1.0}
    assert package.loaded == [str(tmp_path)]
    similarity._model.cache_clear()
