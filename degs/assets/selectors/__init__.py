"""The assets app's reads, one module per part (as ``services``), with ``home`` (the home block)."""
