"""Each distinct sentence goes through the model once per run, however many editions,
checks and chunks read it."""

from __future__ import annotations

from collections import Counter

import pytest

from mtaudit.cache import Cache
from mtaudit.checks import runner
from mtaudit.errors import collected_warnings
from mtaudit.model import encoder as encoder_module
from mtaudit.model.encoder import Encoder
from mtaudit.pipeline import Options, audit

CORPORA = __import__("pathlib").Path(__file__).resolve().parents[1] / "corpora"


@pytest.mark.model
def test_a_folder_run_puts_each_text_through_the_model_once(encoder, monkeypatch):
    fresh = Encoder(cache=Cache(None))
    fresh._model, fresh._center = encoder.model, None  # the session's loaded model, nothing seen
    forwarded: Counter[str] = Counter()
    forward = fresh._forward

    def counting(texts):
        forwarded.update(texts)
        return forward(texts)

    monkeypatch.setattr(fresh, "_forward", counting)
    monkeypatch.setattr(runner, "CHUNK_PAIRS", 7)  # many chunks: texts aligned early are checked late
    with collected_warnings():
        result = audit([CORPORA], Options(), fresh)
    sentences = set(result.pairs["source"]) | set(result.pairs["target"])
    repeated = {text: n for text, n in forwarded.items() if n > 1}
    assert not repeated
    assert sentences - {""} <= set(forwarded)


@pytest.mark.model
def test_a_re_run_of_unchanged_articles_puts_nothing_through_the_model(encoder, tmp_path, monkeypatch):
    """Alignments, like the checks' results, come from the result cache the second time:
    aligning needs word vectors, which only the model gives."""
    cache = Cache(tmp_path / "results.sqlite")
    first = Encoder(cache=cache)
    first._model, first._center = encoder.model, None
    with collected_warnings():
        before = audit([CORPORA], Options(), first)
    again = Encoder(cache=cache)  # no model given: loading one fails

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded again")

    monkeypatch.setattr(encoder_module, "_load", no_model)
    with collected_warnings():
        after = audit([CORPORA], Options(), again)
    assert after.pairs[["doc", "source", "target", "alignment"]].equals(
        before.pairs[["doc", "source", "target", "alignment"]]
    )
    assert (after.pairs["risk"] == before.pairs["risk"]).all()


@pytest.mark.model
def test_encoders_of_one_process_share_the_loaded_model(encoder):
    """The command line's, calibrate's and eval's encoders load the model once between them."""
    assert Encoder(cache=Cache(None)).model is encoder.model


def test_the_code_fingerprint_is_the_contents_hash_remembered_under_the_files_stats(tmp_path):
    """A warm re-run need not read and hash every source file and the estimator's weights:
    the hash is remembered under the files' sizes and times, and follows a changed file."""
    import os

    from mtaudit.cache import fingerprint

    root = tmp_path / "package"
    root.mkdir()
    source = root / "check.py"
    source.write_text("RISK = 1\n", encoding="utf-8")
    memo = tmp_path / "cache" / "code-fingerprint.json"
    first = fingerprint(root, [source], memo)
    assert memo.exists() and first == fingerprint(root, [source], None)  # the same hash as without a memo
    remembered = memo.read_text(encoding="utf-8")
    memo.write_text(remembered.replace(first, "from the memo"), encoding="utf-8")
    assert fingerprint(root, [source], memo) == "from the memo"  # unchanged files: not read again
    source.write_text("RISK = 2\n", encoding="utf-8")  # same size: the time tells
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 1_000_000_000))
    assert fingerprint(root, [source], memo) == fingerprint(root, [source], None) != first
    memo.write_text("{damaged", encoding="utf-8")
    assert fingerprint(root, [source], memo) == fingerprint(root, [source], None)
