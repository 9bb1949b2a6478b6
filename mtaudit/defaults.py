"""Defaults more than one stage needs, stated once: the newsroom's source language, the
edition assumed when nothing names one, and the risk at which a pair is flagged."""

SOURCE_LANG = "id"
TARGET_LANG = "en"  # when neither a file name, a target_lang column nor --target-lang says
THRESHOLD = 0.5
