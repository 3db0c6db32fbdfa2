"""Turn a platform export (GA4, Google Ads, LinkedIn, HubSpot, Salesforce, plain CSV) into a snapshot.

Pure logic, no click: ``formats`` reads an export into rows with their source lines, ``mapping``
says which column feeds which measure or dimension, ``aggregate`` sums the rows of the period by
dimension, ``compare`` sets the result against the previous period and an existing snapshot, and
``writer`` writes ``data/snapshots/PERIOD.csv`` atomically. ``run.prepare_ingest`` ties them together.
"""
