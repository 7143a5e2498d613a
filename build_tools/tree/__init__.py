"""The decision tree: its format, reading it, the model, the checks, the paths and the case studies."""
