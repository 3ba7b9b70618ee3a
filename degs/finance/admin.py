"""The finance app's admin."""
