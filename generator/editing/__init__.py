"""Editing a manual project: scaffolds, reviews, CODEOWNERS. Pure logic plus atomic writes; no click.

Every change is computed as new file content first, checked (the result must parse and validate),
and only then written with :func:`~generator.editing.atomic.write_atomic`, so a refused edit leaves
the project untouched.
"""
