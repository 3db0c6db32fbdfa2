"""The site: status blocks and generated pages, rendered from the judgement (pure; no engine imported)."""
