"""The finance app's schemas, one module per part."""
