"""The office's models, one module per part; Django finds them through this package."""

from .gate import Gate, GateCheck, Pass
from .lunch import Diet, Lunch, LunchOrder, LunchOrderLine, LunchSettings, MenuItem, Restaurant
from .rooms import Room, RoomBooking, RoomInvitee, RoomSetupTask
from .runs import PADay, Run, RunPurchase, RunSettings
from .supplies import IssuedItem, StockCount, Supply, SupplyOrderLine, SupplyRequest

__all__ = [
    "Gate",
    "GateCheck",
    "Pass",
    "Diet",
    "Lunch",
    "LunchOrder",
    "LunchOrderLine",
    "LunchSettings",
    "MenuItem",
    "Restaurant",
    "PADay",
    "Run",
    "RunPurchase",
    "RunSettings",
    "Room",
    "RoomBooking",
    "RoomInvitee",
    "RoomSetupTask",
    "IssuedItem",
    "StockCount",
    "Supply",
    "SupplyOrderLine",
    "SupplyRequest",
]
