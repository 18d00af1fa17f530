"""The writers, one per format, from the neutral models (document.py, sheets.py, charts.py)."""
