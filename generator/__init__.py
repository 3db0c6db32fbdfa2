"""opsmanual: an operating manual that tells the truth about itself.

The package is a pure core (``load`` -> ``model`` -> ``metrics`` -> ``rules`` -> ``report``)
with thin adapters on top (``cli``). The core imports neither click nor mkdocs.
"""

__version__ = "0.1.0"

# The GitHub repository opsmanual is published from (``uses: <SOURCE>@<tag>``, ``git+https://github.com/<SOURCE>``):
# what ``opsmanual init`` writes into a new manual's workflows. A fork changes it here.
SOURCE = "opsmanual/opsmanual"
