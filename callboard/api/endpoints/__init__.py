"""The API's routers, one module per area. Every router is mounted under /productions and
every operation's path starts with /{production}/ (the token's production; any other
answers 404, from TokenAuth)."""

from . import (
    accounting,
    callsheets,
    payroll,
    people,
    productions,
    reports,
    schedule,
    scripts,
    travel,
)

ROUTERS = [
    ("/productions", productions.router),
    ("/productions", people.router),
    ("/productions", scripts.router),
    ("/productions", schedule.router),
    ("/productions", callsheets.router),
    ("/productions", reports.router),
    ("/productions", payroll.router),
    ("/productions", accounting.router),
    ("/productions", travel.router),
]
