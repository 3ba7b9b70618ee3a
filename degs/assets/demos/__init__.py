"""The assets app's demo, one module per part, loaded in this order by ``degs.assets.demo``."""
