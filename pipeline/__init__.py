"""Docket: track government commitments in multilingual meeting reports.

Data flows one way: ingest -> detect -> extract -> store -> (link, report).
"""

__version__ = "0.1.0"
