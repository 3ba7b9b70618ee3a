"""The assets app's schemas, one module per part."""
