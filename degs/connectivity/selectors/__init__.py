"""The connectivity app's reads, one module per part (as ``services``), with ``uptime`` (the
monthly uptime and the SLA report) and ``home`` (the home block and the engineer's page)."""
