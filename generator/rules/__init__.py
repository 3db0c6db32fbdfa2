"""The rules: each a pure function from the evaluated project to findings."""
