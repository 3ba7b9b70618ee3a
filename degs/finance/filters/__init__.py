"""The finance app's filters, one module per part."""
