"""The connectivity app's writes, one module per part: ``links`` (providers, SLAs, links,
maintenance windows, probe tokens), ``outages``, ``health`` (heartbeats, the sweep, roll-ups),
``speed``, ``rooms``, ``phones``, ``targets``; ``times``: the check of a reported time that
every part shares."""
