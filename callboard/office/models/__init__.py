"""The office's models, one module per part; Django finds them through this package."""
