"""The rollouts API's progress part."""

from ninja import Router

router = Router(tags=["rollouts"])
