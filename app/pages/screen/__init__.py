"""The projector: read-only, large type, follows the facilitator."""
