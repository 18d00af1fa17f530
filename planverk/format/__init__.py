"""The files Planverk reads and writes that are data, not code, read without Django.

- ``schema``: planverk/1, the JSON document for one strategy: its JSON Schema
  and the check of it. The importers (which make planverk/1) and the
  interchange (which stores and writes it) both check documents with it;
  docs/format.md describes the format, and a test keeps the two in agreement.
- ``agendas``: the national agendas shipped as data (eKommune 2012).
"""
