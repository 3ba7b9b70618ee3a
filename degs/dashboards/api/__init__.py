"""The dashboards API: the dashboard's figures and the review packs, as JSON."""

from ninja import Router

router = Router(tags=["dashboards"])
