"""The rollouts app's filters, one module per part."""
