"""The assets app's writes, one module per part: register, verification, tickets, schedules, procurement."""
