"""An enterprise-scale opsmanual project for the benchmarks, made from seeded random streams.

``world`` draws the company (owners, channels, personas, content), ``snapshots`` the monthly
rows, ``kpis`` the targets (set from the data), ``pages`` and ``body`` the manual, ``catalogs``
the catalog entries; ``writer`` validates everything with the product's schema and writes it;
``build`` runs the steps in order and ``verify`` re-reads a written project.
"""
