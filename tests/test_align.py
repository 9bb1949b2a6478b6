"""Alignment on a short real document: omissions, additions and merges are found and
every sentence lands in exactly one bead."""

from __future__ import annotations

import numpy as np
import pytest

from mtaudit.align import JOINED_CHOICES, MEAN, Bead, align

SOURCE = [
    "Banjir merendam sekitar 3.400 rumah di Kota Pekalongan.",
    "Ketinggian air di beberapa kelurahan mencapai 80 sentimeter.",
    "Sebanyak 1.150 warga mengungsi ke balai kelurahan.",
    "Tidak ada korban jiwa dalam peristiwa tersebut.",
    "Petugas membagikan makanan dan selimut kepada para pengungsi.",
    "BMKG memperkirakan hujan lebat masih akan terjadi hingga akhir pekan.",
]
TARGET = [
    "Floods submerged around 3,400 houses in Pekalongan City.",
    "The water level in several villages reached 80 centimeters.",
    "A total of 1,150 residents evacuated to village halls.",
    "There were no casualties in the incident.",
    "Officers distributed food and blankets to the refugees.",
    "BMKG predicts heavy rain will continue until the weekend.",
]


def _pairs(beads):
    return [(b.source, b.target) for b in beads]


def _covers_everything(beads, n, m):
    sources = sorted(i for b in beads for i in b.source)
    targets = sorted(j for b in beads for j in b.target)
    return sources == list(range(n)) and targets == list(range(m))


@pytest.mark.model
@pytest.mark.parametrize("joined", JOINED_CHOICES)
def test_clean_translation_aligns_one_to_one(encoder, joined):
    beads = align(SOURCE, TARGET, encoder.encode, joined)
    assert _pairs(beads) == [((i,), (i,)) for i in range(6)]


@pytest.mark.model
@pytest.mark.parametrize("joined", JOINED_CHOICES)
def test_missing_sentence_is_an_omission(encoder, joined):
    beads = align(SOURCE, TARGET[:3] + TARGET[4:], encoder.encode, joined)
    assert Bead((3,), ()) in beads and [b.kind for b in beads].count("omission") == 1
    assert _covers_everything(beads, 6, 5)


@pytest.mark.model
def test_extra_sentence_is_an_addition(encoder):
    extra = "Read more news about the economy on our website."
    beads = align(SOURCE, TARGET[:2] + [extra] + TARGET[2:], encoder.encode)
    assert Bead((), (2,)) in beads
    assert _covers_everything(beads, 6, 7)


@pytest.mark.model
@pytest.mark.parametrize("joined", JOINED_CHOICES)
def test_merged_and_split_sentences(encoder, joined):
    merged = TARGET[:1] + [TARGET[1] + " " + TARGET[2]] + TARGET[3:]
    assert Bead((1, 2), (1,)) in align(SOURCE, merged, encoder.encode, joined)
    split_source = SOURCE[:1] + [SOURCE[1] + " " + SOURCE[2]] + SOURCE[3:]
    assert Bead((1,), (1, 2)) in align(split_source, TARGET, encoder.encode, joined)


@pytest.mark.model
def test_only_the_merges_on_the_path_are_encoded_joined(encoder):
    """The default puts a joined pair through the model only to check a merge it chose."""
    asked: list[str] = []

    def embed(texts):
        asked.extend(texts)
        return encoder.encode(texts)

    merged = TARGET[:1] + [TARGET[1] + " " + TARGET[2]] + TARGET[3:]
    beads = align(SOURCE, merged, embed)
    joined = [t for t in asked if t not in SOURCE and t not in merged]
    assert Bead((1, 2), (1,)) in beads
    assert joined == [SOURCE[1] + " " + SOURCE[2]]


def test_a_sentence_unlike_the_translation_is_an_omission_not_half_of_a_merge():
    """Hand-made vectors: each sentence matches its own translation, unrelated sentences share
    a common direction (cosine 0.64, as a real encoder's do), and the short source sentence 2,
    whose translation is missing, shares almost nothing with any. Its length-weighted mean with
    sentence 1 still looks like sentence 1's translation; the merge must not hide it."""
    common, topics = np.eye(8)[0], np.eye(8)[1:]

    def unit(weight_of_common, topic):
        vector = weight_of_common * common + topic
        return vector / np.linalg.norm(vector)

    sources = [f"Kalimat sumber nomor {i} yang cukup panjang untuk diuji." for i in range(5)]
    targets = [f"Source sentence number {i}, long enough to be tested." for i in range(5)]
    known = {text: unit(4 / 3, topics[i]) for side in (sources, targets) for i, text in enumerate(side)}
    sources.insert(2, "Foto: arsip.")
    known[sources[2]] = unit(0.2, topics[6])

    def embed(texts):  # a joined pair gets its sentences' vectors weighted by length
        vectors = [
            sum(len(known_text) * known[known_text] for known_text in known if known_text in text) for text in texts
        ]
        return np.array([v / np.linalg.norm(v) for v in vectors], dtype=np.float32)

    beads = align(sources, targets, embed)
    assert Bead((2,), ()) in beads and Bead((1,), (1,)) in beads


class _HandMadeArticle:
    """Five sentences and their translations with hand-made vectors: a translation shares its
    source's three words, joined sentences have their parts' words, and a sentence vector is
    the mean of its words' plus a direction all sentences share."""

    def __init__(self):
        rng = np.random.default_rng(5)
        self.sources = [f"Kalimat sumber nomor {i} yang cukup panjang untuk diuji." for i in range(5)]
        self.targets = [f"Source sentence number {i}, long enough to be tested." for i in range(5)]
        self.words_of = {}
        for i in range(5):
            vectors = _unit_rows(rng.normal(size=(3, 16)))
            self.words_of[self.sources[i]] = self.words_of[self.targets[i]] = vectors

    def add_source(self, position: int, text: str, words: np.ndarray) -> None:
        self.sources.insert(position, text)
        self.words_of[text] = words

    def _parts(self, text: str) -> list[str]:
        return sorted((known for known in self.words_of if known in text), key=text.index)

    def words(self, texts):
        return [np.concatenate([self.words_of[part] for part in self._parts(text)]) for text in texts]

    def embed(self, texts):
        common = np.ones(16) / 4.0
        return _unit_rows(np.array([words.mean(axis=0) + common for words in self.words(texts)]))


def _unit_rows(matrix):
    return (matrix / np.linalg.norm(matrix, axis=1, keepdims=True)).astype(np.float32)


def test_a_sentence_that_adds_no_word_to_the_translation_is_an_omission_not_half_of_a_merge():
    """Source sentence 2 says what sentence 1 says in other words (its vector is close to
    sentence 1's) and its translation is missing. Sentence vectors alone merge it into
    sentence 1's translation; the words show it adds nothing there, so it is an omission."""
    article = _HandMadeArticle()
    rewording = article.words_of[article.sources[1]] + np.random.default_rng(6).normal(scale=0.2, size=(3, 16))
    article.add_source(2, "Dengan kata lain, begitulah.", _unit_rows(rewording))
    sentences_only = align(article.sources, article.targets, article.embed)
    assert Bead((1, 2), (1,)) in sentences_only
    with_words = align(article.sources, article.targets, article.embed, words=article.words)
    assert Bead((2,), ()) in with_words and Bead((1,), (1,)) in with_words


def test_two_translations_merged_into_one_stay_a_merge_when_words_are_compared():
    article = _HandMadeArticle()
    merged = article.targets[:1] + [f"{article.targets[1]} {article.targets[2]}"] + article.targets[3:]
    assert Bead((1, 2), (1,)) in align(article.sources, merged, article.embed, words=article.words)


def test_a_source_sentence_split_in_two_stays_a_split_when_words_are_compared():
    """Both halves of the translation account for words of the source sentence: a 1-2 bead,
    not a 1-1 bead and an addition."""
    article = _HandMadeArticle()
    joined = article.sources[:1] + [f"{article.sources[1]} {article.sources[2]}"] + article.sources[3:]
    assert Bead((1,), (1, 2)) in align(joined, article.targets, article.embed, words=article.words)


def test_empty_side_makes_every_sentence_unpaired():
    assert [b.kind for b in align(["a", "b"], [], lambda texts: None)] == ["omission", "omission"]


@pytest.mark.parametrize("edit", ["clean", "deleted", "merged", "split", "stop missing"])
def test_alignment_benchmark_edits_say_what_a_right_alignment_is(edit):
    """The benchmark's expected beads cover both edited sides exactly once, and its edits
    change the sentence counts the way their names say."""
    import random

    from mtaudit.evaluation.alignment import Article, edited

    article = Article("test", "en", SOURCE, TARGET)
    sources, targets, expected = edited(article, edit, random.Random(3))
    assert _covers_everything(expected, len(sources), len(targets))
    change = {"clean": (0, 0), "deleted": (0, -1), "merged": (0, -1), "split": (-1, 0), "stop missing": (-1, 0)}
    assert (len(sources) - len(SOURCE), len(targets) - len(TARGET)) == change[edit]
    joined = [s for s in sources if s not in SOURCE]
    if edit in ("split", "stop missing"):
        assert len(joined) == 1 and (". " in joined[0]) == (edit == "split")


def test_more_places_add_edited_articles_and_keep_the_first_place():
    """``--places`` narrows a figure without moving it: the first place of each article is
    the one a single-place run edits, so earlier figures stay comparable."""
    from mtaudit.evaluation.alignment import Article, evaluate

    hand = _HandMadeArticle()
    article = Article("test", "en", hand.sources, hand.targets)
    once = evaluate([article], hand.embed, MEAN, hand.words)
    thrice = evaluate([article], hand.embed, MEAN, hand.words, places=3)
    assert len(once) == 5 and len(thrice) == 15
    assert thrice.iloc[:5].equals(once)
