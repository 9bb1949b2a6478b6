"""The pairing stage: each edition's sentences aligned with its source's, into the pairs
table. The only stage before the checks that needs the encoder (alignment compares
sentence and word vectors); a reference article is aligned to the source like a translation
is, so each pair gets the reference sentences of its own source sentences. An article's
alignment is kept in the result cache, so a re-run of unchanged articles needs no model.
"""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

import pandas as pd

from mtaudit.align import Bead, align
from mtaudit.cache import code_fingerprint, key_of
from mtaudit.errors import MtauditError, NothingToAudit
from mtaudit.input.articles import Article, Sentences, article_name, find_articles, read_sentences, slug_of
from mtaudit.model.encoder import Encoder
from mtaudit.model.words import word_vectors
from mtaudit.pairs import Loaded, aligned_pairs


def load_article_pair(
    source_path: Path,
    target_path: Path,
    encoder: Encoder,
    source_lang: str,
    target_lang: str,
    doc: str | None = None,
    reference_path: Path | None = None,
) -> pd.DataFrame:
    source = read_sentences(source_path, source_lang)
    target = read_sentences(target_path, target_lang)
    reference = read_sentences(reference_path, target_lang) if reference_path is not None else None
    doc = doc or slug_of(source_path, source_lang)
    return _aligned_pairs(source_path, source, target_path, target, encoder, target_lang, doc, reference)


def _aligned_pairs(
    source_path: Path,
    source: Sentences,
    target_path: Path,
    target: Sentences,
    encoder: Encoder,
    target_lang: str,
    doc: str,
    reference: Sentences | None,
) -> pd.DataFrame:
    """The pairs table of one edition: its sentences aligned with the source's."""
    (sources, source_lines), (targets, target_lines) = source, target
    beads = aligned(sources, targets, encoder)
    rows = [
        {
            "doc": doc,
            "index": position,
            "source": " ".join(sources[i] for i in bead.source),
            "target": " ".join(targets[j] for j in bead.target),
            "alignment": bead.kind,
            "target_lang": target_lang,
            "source_file": str(source_path),
            "source_line": source_lines[bead.source[0]] if bead.source else None,
            "target_file": str(target_path),
            "target_line": target_lines[bead.target[0]] if bead.target else None,
        }
        for position, bead in enumerate(beads, start=1)
    ]
    pairs = aligned_pairs(rows)
    if reference is not None:
        pairs["reference"] = _references_by_bead(sources, beads, reference[0], encoder)
    return pairs


def aligned(sources: list[str], targets: list[str], encoder: Encoder) -> list[Bead]:
    """The beads of two sentence lists, from the result cache when this code and model have
    aligned them before (the alignment needs every sentence's word vectors, which only the
    model gives)."""
    key = _beads_key(sources, targets, encoder)
    cache = encoder.cache
    known = cache.get_records([key]).get(key) if cache.enabled else None
    if known is not None:
        return [Bead(tuple(source), tuple(target)) for source, target in known["beads"]]
    beads = align(sources, targets, encoder.encode, words=partial(word_vectors, encoder))
    if cache.enabled:
        cache.put_records({key: {"beads": [[list(b.source), list(b.target)] for b in beads]}})
    return beads


def unaligned(pairs: list[tuple[list[str], list[str]]], encoder: Encoder) -> list[tuple[list[str], list[str]]]:
    """The sentence lists among ``pairs`` that the result cache holds no alignment of."""
    keys = [_beads_key(sources, targets, encoder) for sources, targets in pairs]
    known = encoder.cache.get_records(keys) if encoder.cache.enabled else {}
    return [pair for pair, key in zip(pairs, keys) if key not in known]


def _beads_key(sources: list[str], targets: list[str], encoder: Encoder) -> bytes:
    return key_of("beads", code_fingerprint(), encoder.identity, json.dumps(sources), json.dumps(targets))


def _references_by_bead(sources: list[str], beads: list, references: list[str], encoder: Encoder) -> list[str]:
    """For each bead, the reference sentences aligned to its source sentences."""
    by_source: dict[int, list[int]] = {}
    for bead in aligned(sources, references, encoder):
        for i in bead.source:
            by_source.setdefault(i, []).extend(bead.target)
    return [
        " ".join(references[j] for j in dict.fromkeys(j for i in bead.source for j in by_source.get(i, [])))
        for bead in beads
    ]


def load_directory(directory: Path, encoder: Encoder, source_lang: str, target_lang: str | None) -> Loaded:
    articles, unpaired = find_articles(directory, source_lang, target_lang)
    if not articles:
        editions = f"<slug>.{target_lang}.txt" if target_lang else "a translation <slug>.<lang>.txt"
        raise MtauditError(f"{directory}: no articles named <slug>.{source_lang}.txt with {editions} beside them")
    return Loaded(_load_articles(articles, encoder, source_lang), unpaired)


def load_changed_articles(paths: list[Path], encoder: Encoder, source_lang: str, target_lang: str | None) -> Loaded:
    """The articles that some of their files belong to (a source, an edition or a reference,
    as a commit hook passes the files it changed), each with everything found beside it."""
    wanted = {(path.resolve().parent, name.slug) for path in paths if (name := article_name(path))}
    articles, unpaired = [], []
    for folder in sorted({folder for folder, _ in wanted}):
        found, lonely = find_articles(folder, source_lang, target_lang)
        articles += [a for a in found if (folder, Path(a.doc).name) in wanted and Path(a.doc).parent == Path(".")]
        unpaired += [p for p in lonely if (folder, article_name(Path(p)).slug) in wanted]
    if not articles:
        raise NothingToAudit("none of these files belongs to an article with a source and an edition beside it")
    return Loaded(_load_articles(articles, encoder, source_lang), unpaired)


def _load_articles(articles: list[Article], encoder: Encoder, source_lang: str) -> pd.DataFrame:
    """Every file is read and split once (a source serves all its editions), and the
    sentences of every article not aligned before go through the model together, in full
    batches under one progress bar, before any article is aligned."""
    read: dict[Path, Sentences] = {}
    for article in articles:
        read[article.source] = read_sentences(article.source, source_lang)
        for lang, path in [*article.editions.items(), *article.references.items()]:
            read[path] = read_sentences(path, lang)
    sides = [
        (read[article.source][0], read[path][0])
        for article in articles
        for path in [*article.editions.values(), *article.references.values()]
    ]
    encoder.tokens(list(dict.fromkeys(s for pair in unaligned(sides, encoder) for side in pair for s in side)))
    frames = [
        _aligned_pairs(
            article.source,
            read[article.source],
            path,
            read[path],
            encoder,
            lang,
            article.doc,
            read.get(article.references.get(lang)),
        )
        for article in articles
        for lang, path in article.editions.items()
    ]
    return pd.concat(frames, ignore_index=True)
