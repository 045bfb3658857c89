"""The only modules that import heavy or optional libraries (lingua, langdetect,
wordfreq, hunspell, spaCy, transformers) or read system dictionaries.

Each backend is imported on first use and cached. ``resources`` lists what
``tqa doctor`` reports.
"""
