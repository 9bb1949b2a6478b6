"""One entry point for measuring and fitting on the shared data:

    python -m mtaudit.evaluation COMMAND [options]     (COMMAND --help for its options)

`mtaudit eval` prints every measurement on evaluation rows as one table; these commands run
one benchmark alone, on tuning or evaluation rows, or refit one of the shipped data files
on tuning rows.
"""

from __future__ import annotations

import sys
from importlib import import_module

COMMANDS = {
    "faults": ("mtaudit.evaluation.faults", "the fault benchmark: correct pairs and corrupted copies"),
    "alignment": (
        "mtaudit.evaluation.alignment",
        "sentence alignment of articles with sentences deleted, merged, split",
    ),
    "combination": ("mtaudit.evaluation.train", "fit the risk combination (mtaudit/data/combiner.json)"),
    "estimator": ("mtaudit.evaluation.train_estimator", "train the quality estimator (mtaudit/data/estimator.npz)"),
    "bigrams": ("mtaudit.evaluation.fluency_fit", "count the fluency check's bigrams (data/english_bigrams.json)"),
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in COMMANDS:
        usage = "\n".join(f"  {name:<12} {what}" for name, (_, what) in COMMANDS.items())
        print(f"usage: python -m mtaudit.evaluation COMMAND [options]\n\ncommands:\n{usage}", file=sys.stderr)
        return 0 if argv[:1] in (["-h"], ["--help"]) else 2
    name, *rest = argv
    sys.argv[0] = f"python -m mtaudit.evaluation {name}"  # what each command's --help shows
    return import_module(COMMANDS[name][0]).main(rest)


if __name__ == "__main__":
    sys.exit(main())
