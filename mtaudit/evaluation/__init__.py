"""Measuring the scorer on data nobody here wrote (``../shared/data``, read through
``mtaudit.shared_data``), and fitting the shipped data files on its tuning rows. Nothing
here is imported when mtaudit scores."""
