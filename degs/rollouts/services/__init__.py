"""The rollouts app's writes, one module per part: programmes, steps, progress."""
