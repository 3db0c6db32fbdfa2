"""Thin adapters that hand the core's pre-rendered Markdown to an engine (MkDocs or Zensical)."""
