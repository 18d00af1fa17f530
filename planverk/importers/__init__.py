"""Read strategy documents into planverk/1 dictionaries.

Pure Python: nothing in this package imports Django, so the parser can be
used, tested and benchmarked without a database.
"""
