"""Reporters: one module per output format, all reading an ``Audit``."""
