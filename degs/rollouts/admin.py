"""The rollouts app's admin."""
