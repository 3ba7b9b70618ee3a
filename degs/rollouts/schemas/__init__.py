"""The rollouts app's schemas, one module per part."""
