"""The rollouts API's steps part."""

from ninja import Router

router = Router(tags=["rollouts"])
