"""Loaders: read files into the model, collecting every input problem with its file and line."""
