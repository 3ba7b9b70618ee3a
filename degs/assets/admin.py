"""The assets app's admin."""
