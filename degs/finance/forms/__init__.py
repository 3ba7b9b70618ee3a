"""The finance app's forms, one module per part."""
