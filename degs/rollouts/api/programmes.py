"""The rollouts API's programmes part."""

from ninja import Router

router = Router(tags=["rollouts"])
