"""The rollouts app's forms, one module per part."""
