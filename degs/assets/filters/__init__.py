"""The assets app's filters, one module per part."""
