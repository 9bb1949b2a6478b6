"""Property-based tests (hypothesis) of the input side with random and hostile text:
tables read back what was written, segmentation keeps every character, and every input
sentence comes out in exactly one pair."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mtaudit.align import align
from mtaudit.cache import Cache
from mtaudit.errors import collected_warnings
from mtaudit.input.articles import article_sentences
from mtaudit.input.segment import split_sentences
from mtaudit.input.tables import load_table
from mtaudit.model.encoder import Tokens
from mtaudit.model.words import words_of
from mtaudit.pairing import load_article_pair

# Any text a wire feed might carry, with the characters that break naive readers mixed in
# (controls are replaced on reading, so they have a test of their own).
CELL_CHARS = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc")),
    st.sampled_from(['"', "'", ",", "\t", "\n", "\r\n", "\\", "=", "\u2028", "\ufeff", "。", "؟", "«", " "]),
)
CELL = st.lists(CELL_CHARS, max_size=40).map("".join)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _normalised(text: str) -> str:
    return " ".join(text.split())


@SETTINGS
@given(rows=st.lists(st.tuples(CELL, CELL), min_size=1, max_size=8), suffix=st.sampled_from([".csv", ".tsv", ".jsonl"]))
def test_tables_read_back_what_was_written(tmp_path_factory, rows, suffix):
    assume(all(_normalised(s) or _normalised(t) for s, t in rows))  # an all-blank row is no row
    path = tmp_path_factory.mktemp("table") / f"pairs{suffix}"
    if suffix == ".jsonl":
        text = "".join(json.dumps({"source": s, "target": t}) + "\n" for s, t in rows)
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="\t" if suffix == ".tsv" else ",", lineterminator="\n")
        writer.writerows([("source", "target"), *rows])
        text = buffer.getvalue()
    path.write_text(text, encoding="utf-8")
    with collected_warnings():
        table = load_table(path)
    assert table["source"].tolist() == [_normalised(s.replace("\u2028", " ")) for s, _ in rows]
    assert table["target"].tolist() == [_normalised(t.replace("\u2028", " ")) for _, t in rows]


@SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=60))  # Cs and Cc included
def test_jsonl_accepts_any_string_including_lone_surrogates(tmp_path_factory, value):
    assume(_normalised(value))
    path = tmp_path_factory.mktemp("jsonl") / "pairs.jsonl"
    path.write_text(json.dumps({"source": value, "target": "x"}) + "\n", encoding="ascii")
    with collected_warnings():
        source = load_table(path)["source"].iloc[0]
    source.encode("utf-8")  # no lone surrogate survives: every writer can encode it


LANGUAGES = ["id", "en", "fr", "ar", "zh", "ja"]
SENTENCE_PIECES = st.sampled_from(
    [
        "Harga",
        "naik",
        "Rp13.500",
        "Dr.",
        "U.S.",
        "「止めろ！」と",
        "言った。",
        "价格上涨。",
        "« Non ! »",
        "dit-il.",
        "ارتفع",
        "السعر.",
        "؟",
        "...",
        '"',
        "1,5",
        "Jl.",
        "Selasa.",
        "?",
        "!",
        "\u00a0",
    ]
)
NEWS_TEXT = st.lists(SENTENCE_PIECES, max_size=25).map(" ".join)


@SETTINGS
@given(st.one_of(NEWS_TEXT, st.text(max_size=200)), st.sampled_from(LANGUAGES))
def test_segmentation_keeps_every_character_in_every_language(text, lang):
    sentences = split_sentences(text, lang)
    assert "".join("".join(sentences).split()) == "".join(text.split())
    assert all(s and s == s.strip() for s in sentences)


def _random_vector(text: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:8], "little")
    vector = np.random.default_rng(seed).normal(size=16)
    return vector / np.linalg.norm(vector)


def _random_embed(texts: list[str]) -> np.ndarray:
    """Deterministic random unit vectors: the aligner must cope with any similarities."""
    return np.array([_random_vector(text) for text in texts]).reshape(len(texts), 16)


def _random_tokens(texts: list[str]) -> list[Tokens]:
    """One token per run of non-spaces, with a deterministic random vector."""
    found = []
    for text in texts:
        spans = [m.span() for m in re.finditer(r"\S+", text)]
        vectors = np.array([_random_vector(text[a:b]) for a, b in spans]).reshape(len(spans), 16)
        found.append(Tokens(vectors.astype(np.float16), np.array(spans, dtype=int).reshape(len(spans), 2)))
    return found


def _random_words(texts: list[str]) -> list[np.ndarray]:
    return [words_of(tokens, text).vectors for tokens, text in zip(_random_tokens(texts), texts)]


@SETTINGS
@given(st.lists(st.text(min_size=1, max_size=30), max_size=12), st.lists(st.text(min_size=1, max_size=30), max_size=12))
def test_alignment_places_every_sentence_exactly_once_in_order(sources, targets):
    beads = align(sources, targets, _random_embed, words=_random_words)
    assert [i for b in beads for i in b.source] == list(range(len(sources)))
    assert [j for b in beads for j in b.target] == list(range(len(targets)))


class _RandomEncoder:
    encode = staticmethod(_random_embed)
    tokens = staticmethod(_random_tokens)
    identity = "random vectors"
    cache = Cache(None)


ARTICLE = st.lists(st.one_of(NEWS_TEXT, st.sampled_from(["", "# Judul", "- butir", "\r\n", "**tebal**"])), max_size=12)


@SETTINGS
@given(ARTICLE, ARTICLE)
def test_every_sentence_of_both_articles_appears_in_exactly_one_pair(tmp_path_factory, source_lines, target_lines):
    folder = tmp_path_factory.mktemp("article")
    texts = {"source": "\n".join(source_lines), "target": "\n".join(target_lines)}
    assume(all(_normalised(t) for t in texts.values()))
    paths = {side: folder / f"a.{'id' if side == 'source' else 'en'}.txt" for side in texts}
    for side, path in paths.items():
        path.write_text(texts[side], encoding="utf-8")
    expected = {
        "source": article_sentences(texts["source"].replace("\r\n", "\n"), "id"),
        "target": article_sentences(texts["target"].replace("\r\n", "\n"), "en"),
    }
    assume(expected["source"] and expected["target"])
    with collected_warnings():
        pairs = load_article_pair(paths["source"], paths["target"], _RandomEncoder(), "id", "en")
    for side in ("source", "target"):
        assert " ".join(t for t in pairs[side] if t) == " ".join(expected[side])
    assert pairs["index"].tolist() == list(range(1, len(pairs) + 1))
