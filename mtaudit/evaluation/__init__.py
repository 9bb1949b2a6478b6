"""Measuring the scorer on data nobody here wrote (``../shared/data``)."""
