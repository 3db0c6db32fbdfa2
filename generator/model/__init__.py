"""The model of a manual project: frozen dataclasses and enums, no I/O."""
