"""tqa — translation-quality checker for German→French translations."""

__version__ = "0.3.0"
