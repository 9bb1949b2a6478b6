"""The learned quality estimator: its ONNX graph computes what training computed, its
inputs at scoring time are the ones it was trained on, and its words reach the editor."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mtaudit.checks.base import Context
from mtaudit.checks.estimator import QUALITY, SERIOUS, blamed_words
from mtaudit.evaluation.estimator_data import Example, bad_spans, detokenize, in_dev, make_fault, word_spans
from mtaudit.model.estimator import Estimator, States, estimator_graph, graph_file, load_estimator, shipped_weights

SOURCE = "Pemerintah akan membangun jembatan baru di atas sungai itu tahun depan."
TARGET = "The government will build a new bridge over the river next year."


def _random_weights(hidden: int, rng: np.random.Generator):
    shapes = {"q": (hidden, hidden), "k": (hidden, hidden), "v": (hidden, hidden), "ao": (hidden, hidden)}
    shapes |= {"fi": (4 * hidden, hidden), "fo": (hidden, 4 * hidden)}

    def weight(name: str) -> np.ndarray:
        part, kind = name.split(".")[1:]
        if part in ("aln", "oln"):
            return (1.0 + 0.1 * rng.normal(size=hidden) if kind == "w" else 0.1 * rng.normal(size=hidden)).astype(
                np.float32
            )
        rows, cols = shapes[part]
        size = rows * cols if kind == "w" else rows
        return (rng.normal(size=size) / np.sqrt(cols)).astype(np.float32)

    return weight


@pytest.mark.parametrize("joint_layers", [2, 3])
def test_the_onnx_graph_computes_what_the_trained_torch_model_computes(tmp_path, joint_layers):
    torch = pytest.importorskip("torch")
    from mtaudit.evaluation.train_estimator import build_model, export, predict

    rng = np.random.default_rng(0)
    hidden, heads = 32, 4
    torch.manual_seed(0)
    model = build_model(0, hidden, heads, _random_weights(hidden, rng), joint_layers)
    with torch.no_grad():
        for parameter in model.parameters():  # what export keeps: float16 values
            parameter.add_(0.05 * torch.randn_like(parameter)).copy_(parameter.half().float())
    export(model, tmp_path / "weights.npz")
    with np.load(tmp_path / "weights.npz") as data:
        graph = estimator_graph({k: data[k] for k in data.files}, heads).SerializeToString()
    estimator = Estimator(graph, threads=1)
    texts = ["a", "bb", "ccc", "dddd"]
    features = {
        t: (rng.normal(size=(3 + 2 * i, hidden)).astype(np.float16), np.tile([[0, 1]], (3 + 2 * i, 1)).astype(np.int32))
        for i, t in enumerate(texts)
    }
    examples = [Example("a", "dddd", "x", "dev"), Example("ccc", "bb", "x", "dev")]
    quality, serious, words = predict(model, examples, features)  # batched and padded
    for i, example in enumerate(examples):
        found = estimator.estimate(States(*features[example.source]), States(*features[example.target]))
        n = len(features[example.source][0])
        assert found.quality == pytest.approx(quality[i], abs=1e-4)
        assert found.serious == pytest.approx(1 / (1 + np.exp(-serious[i])), abs=1e-4)
        expected = 1 / (1 + np.exp(-words[i][0].numpy()))
        assert np.allclose(found.source_words, expected[:n], atol=1e-4)
        assert np.allclose(found.target_words, expected[n : n + len(found.target_words)], atol=1e-4)


@pytest.mark.model
def test_scoring_feeds_the_estimator_the_states_it_was_trained_on(encoder, tmp_path):
    from mtaudit.evaluation.estimator_features import compute_features

    """The same layer, tokens and spans. The values differ only by the int8 rounding of the
    training features (``graph.INT8_ACTIVATIONS``): at most 0.83% of a text's largest value
    on 201 news texts, so the bound here is 2%."""
    texts = [SOURCE, TARGET, "政府明年将在河上建一座新桥。"]
    trained = compute_features(texts, tmp_path)
    for text, states in zip(texts, encoder.states(texts)):
        values, spans = trained[text]
        assert np.array_equal(states.spans, spans) and states.values.shape == values.shape
        largest = np.abs(values.astype(np.float32)).max()
        assert np.abs(states.values.astype(np.float32) - values.astype(np.float32)).max() <= 0.02 * largest

    messages = []
    new = "Sebuah kalimat baru.\x00"  # a trailing NUL, which a numpy string array would drop
    again = compute_features([texts[2], new, texts[0]], tmp_path, messages.append)
    assert messages[0] == "features: 2 texts cached, 1 to compute"
    assert len(list(tmp_path.glob("*.npz"))) == 2
    assert np.array_equal(again[texts[0]][0], trained[texts[0]][0]) and texts[1] not in again
    messages.clear()
    assert new in compute_features([new], tmp_path, messages.append) and not messages  # read back, not recomputed


@pytest.mark.model
def test_the_estimator_tells_a_translation_from_an_unrelated_sentence(encoder):
    unrelated = "Shares of the mining company fell sharply after the quarterly report."
    pairs = pd.DataFrame({"source": [SOURCE, SOURCE, SOURCE], "target": [TARGET, unrelated, ""]})
    context = Context(encoder)
    serious, quality = SERIOUS.compute(pairs, context), QUALITY.compute(pairs, context)
    assert serious["estimator_risk"][0] < 0.5 < serious["estimator_risk"][1]
    assert serious["estimator_reason"][0] == "" and serious["estimator_reason"][1]
    assert quality["estimated_quality"][0] > quality["estimated_quality"][1]
    assert serious["estimator_risk"][2] == 0.0 and np.isnan(quality["estimated_quality"][2])


def test_the_estimator_is_neutral_for_a_model_it_was_not_trained_for():
    class OtherModel:
        name = "some/other-model"
        threads = None

        def states(self, texts):
            raise AssertionError("another model's states are never read")

    pairs = pd.DataFrame({"source": [SOURCE], "target": [TARGET]})
    serious, quality = SERIOUS.compute(pairs, Context(OtherModel())), QUALITY.compute(pairs, Context(OtherModel()))
    assert serious["estimator_risk"][0] == 0.0 and serious["estimator_reason"][0] == ""
    assert quality["quality_risk"][0] == 0.5


def test_blamed_tokens_become_whole_words_and_phrases():
    text = "He praised the bridge, 新しい橋 today."
    pieces = [("He", 0), (" pra", 0), ("ised", 0.9), (" the", 0.8), (" bridge", 0.9), (",", 0.9), (" 新", 0.7)]
    pieces += [("しい", 0), ("橋", 0), (" today", 0), (".", 0)]
    starts = np.cumsum([0] + [len(p) for p, _ in pieces])
    spans = np.stack([starts[:-1], starts[1:]], axis=1)
    assert "".join(p for p, _ in pieces) == text
    states = States(np.zeros((len(pieces), 4), np.float16), spans)
    words = blamed_words(text, states, np.array([b for _, b in pieces]))
    assert [text[s:e] for s, e in words] == ["praised the bridge", "新"]


def test_word_tags_are_placed_on_the_untokenised_text():
    raw = 'He said: "No," it\'s 5.'
    assert word_spans(raw, ["He", "said", ":", "&quot;", "No", ",", "&quot;", "it", "&apos;s", "5", "."]) is not None
    assert bad_spans(raw, "He said : &quot; No", ["OK", "BAD", "OK", "OK", "BAD"]) == [(3, 7), (10, 12)]
    assert word_spans(raw, ["He", "sang"]) is None  # words that are not there: the row's tags are not used


def test_held_out_rows_are_chosen_the_same_way_everywhere():
    assert in_dev("judged9381", 0.3) == in_dev("judged9381", 0.3)
    assert 0.2 < np.mean([in_dev(f"judged{i}", 0.3) for i in range(2000)]) < 0.4


def test_detokenising_joins_cjk_and_punctuation():
    assert detokenize("我 想 这样 。 He said , &quot;no&quot; .", "zh") == '我想这样。 He said, "no".'


def test_synthetic_faults_mark_the_words_they_changed():
    rng = random.Random(0)
    target = "The minister said on Tuesday that 25 schools were closed after the flood."
    other = "Prices of rice rose in Surabaya and Medan this week."
    for _ in range(30):
        fault = make_fault(target, "Menteri mengatakan pada Selasa bahwa 25 sekolah ditutup.", other, "en", rng)
        assert fault is not None
        corrupted, spans, known = fault
        assert corrupted != target
        assert all(0 <= s < e <= len(corrupted) for s, e in spans)
        assert known or not spans  # an omission marks no words of the translation


def test_the_shipped_weights_are_small_and_complete():
    from mtaudit.model.estimator import shipped_weights

    weights = shipped_weights()
    size = (Path(__file__).resolve().parents[1] / "mtaudit" / "data" / "estimator.npz").stat().st_size
    assert size < 30 * 2**20
    assert {"side", "l0.q.w", "l1.oln.b", "sentence.2.w", "words.w"} <= set(weights)
    assert all(w.dtype == np.float16 for w in weights.values())


def test_the_estimator_graph_is_kept_and_a_damaged_one_built_again(tmp_path):
    rng = np.random.default_rng(1)
    pair = [States(rng.normal(size=(n, 384)).astype(np.float16), np.zeros((n, 2), np.int32)) for n in (5, 7)]
    built = Estimator(estimator_graph(shipped_weights(), 12).SerializeToString(), threads=1).estimate(*pair)
    kept = graph_file(tmp_path)

    first = load_estimator(tmp_path, threads=1).estimate(*pair)
    assert kept.is_file()
    kept.write_bytes(kept.read_bytes()[:1000])  # a disk that filled up
    with pytest.warns(UserWarning, match="cached estimator graph is damaged"):
        again = load_estimator(tmp_path, threads=1).estimate(*pair)
    for found in (first, again):
        assert (found.quality, found.serious) == (built.quality, built.serious)
        assert np.array_equal(found.target_words, built.target_words)
    assert load_estimator(tmp_path, threads=1).estimate(*pair).quality == built.quality  # the rebuilt file reads


def test_a_folder_that_cannot_be_written_costs_only_the_time(tmp_path):
    (tmp_path / "a-file").write_text("")
    assert load_estimator(tmp_path / "a-file" / "models", threads=1).session is not None


def test_a_stopped_run_is_resumed_only_with_its_own_settings(tmp_path, capsys):
    """Refused at once, before the minutes of features a resumed run would spend first."""
    torch = pytest.importorskip("torch")
    from mtaudit.evaluation.train_estimator import main

    state = {"step": 5, "joint_layers": 2, "mlqe_pairs": 5000, "wmt21_pairs": 5500}
    torch.save({"state": state}, tmp_path / "estimator-checkpoint.pt")
    with pytest.raises(SystemExit) as stopped:
        # no data here: were the run not refused, it would fail on the data instead
        main(["--work", str(tmp_path), "--mlqe-pairs", "7000", "--data", str(tmp_path / "none")])
    assert stopped.value.code == 2
    assert "--joint-layers 2 --mlqe-pairs 5000 --wmt21-pairs 5500 --mqm-pairs 1500 --seed 0" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["estimator-checkpoint.pt"]


def test_a_run_from_before_the_mqm_setting_counts_as_1500_mqm_rows(tmp_path, capsys):
    """Every run before ``--mqm-pairs`` read 1,500 MQM rows: resuming one with all 4,995
    would mix two runs, so it is refused; with the sizes it had, it is not."""
    torch = pytest.importorskip("torch")
    from mtaudit.evaluation.train_estimator import main

    state = {"step": 5, "joint_layers": 2, "mlqe_pairs": 7000, "wmt21_pairs": 7500}
    torch.save({"state": state}, tmp_path / "estimator-checkpoint.pt")
    with pytest.raises(SystemExit) as stopped:
        main(["--work", str(tmp_path), "--mqm-pairs", "4995", "--data", str(tmp_path / "none")])
    assert stopped.value.code == 2 and "--mqm-pairs 1500 --seed 0: pass the same" in capsys.readouterr().err
    with pytest.raises(FileNotFoundError):  # accepted: it goes on, to the data this folder lacks
        main(["--work", str(tmp_path), "--mqm-pairs", "1500", "--data", str(tmp_path / "none")])


def test_a_run_from_before_the_seed_setting_counts_as_seed_0(tmp_path, capsys):
    """A second draw of a run's settings must start afresh, not continue the first draw's
    checkpoint under the other seed."""
    torch = pytest.importorskip("torch")
    from mtaudit.evaluation.train_estimator import main

    state = {"step": 5, "joint_layers": 2, "mlqe_pairs": 7000, "wmt21_pairs": 7500, "mqm_pairs": 4995}
    torch.save({"state": state}, tmp_path / "estimator-checkpoint.pt")
    with pytest.raises(SystemExit) as stopped:
        main(["--work", str(tmp_path), "--mqm-pairs", "4995", "--seed", "1", "--data", str(tmp_path / "none")])
    assert stopped.value.code == 2 and "--mqm-pairs 4995 --seed 0: pass the same" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--epochs", "--mlqe-pairs", "--wmt21-pairs", "--mqm-pairs"])
def test_training_counts_must_be_whole_numbers_of_at_least_one(option, tmp_path, capsys):
    pytest.importorskip("torch")
    from mtaudit.evaluation.train_estimator import main

    for bad, said in (("0", "must be at least 1"), ("-3", "must be at least 1"), ("x", "not a whole number: 'x'")):
        with pytest.raises(SystemExit) as stopped:
            main(["--work", str(tmp_path / "w"), "--data", str(tmp_path / "none"), option, bad])
        assert stopped.value.code == 2 and f"argument {option}: {said}" in capsys.readouterr().err
    assert not (tmp_path / "w").exists()
