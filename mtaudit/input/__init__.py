"""The input stage: files on disk to text, sentences and tables, with no model in sight.

- ``decode``: bytes to clean text (encodings, line ends, HTML, invalid characters);
- ``segment``: text to sentences, per script;
- ``articles``: article files' names, where they are, their sentences and lines;
- ``tables``: .tsv/.csv/.jsonl tables of sentence pairs, as a pairs table;
- ``lines``: line-parallel files (references for a table, `compare`'s inputs).

Aligning an article's sentences with its translation's needs the encoder; that is the next
stage, ``mtaudit/pairing.py``.
"""
