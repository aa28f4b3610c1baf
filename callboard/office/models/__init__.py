"""The office's models, one module per part; Django finds them through this package."""

from .rooms import Room, RoomBooking, RoomInvitee, RoomSetupTask

__all__ = ["Room", "RoomBooking", "RoomInvitee", "RoomSetupTask"]
