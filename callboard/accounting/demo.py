"""The demo's chart of accounts and locked budget (a mid-size feature), read from the same
kind of file a studio would upload."""

from callboard.people.tabular import read_table

from . import services
from .budgetfile import read_budget_rows

BUDGET_CSV = """Account,Description,Amount,Line,Fringe
1100,Story & rights,450000,ATL,
1200,Producers,900000,ATL,
1300,Director,750000,ATL,
1400,Cast,2400000,ATL,
1500,Above-the-line travel & living,180000,ATL,
2000,Production staff,620000,BTL,
2100,Art department,310000,BTL,
2200,Set construction,420000,BTL,
2500,Set operations,95000,BTL,
2700,Set dressing,260000,BTL,
2800,Property,140000,BTL,
2900,Wardrobe,185000,BTL,
3100,Makeup & hair,98000,BTL,
3300,Camera,410000,BTL,
3400,Grip,240000,BTL,
3500,Electric,255000,BTL,
3600,Production sound,88000,BTL,
3700,Transportation,390000,BTL,
3800,Locations,520000,BTL,
3900,Catering & craft service,175000,BTL,
4100,Special effects,120000,BTL,
4500,Tests & second unit,60000,BTL,
5100,Editorial,340000,BTL,
5300,Music,250000,BTL,
5500,Post sound,180000,BTL,
5700,Visual effects,600000,BTL,
6100,Insurance,210000,BTL,
6200,Legal & accounting,140000,BTL,
6500,Publicity,40000,BTL,
7100,Fringes — payroll taxes,410000,BTL,yes
7200,Fringes — union pension & health,560000,BTL,yes
"""


def accounting_demo_build(*, actor, production) -> dict:
    rows = read_budget_rows(read_table("the-long-night-budget.csv", BUDGET_CSV.encode(),
                                       max_bytes=1 << 20), need_amounts=True)  # fmt: skip
    budget = services.budget_import(actor=actor, production=production, rows=rows,
                                    name="Locked budget", source_name="the-long-night-budget.csv")  # fmt: skip
    services.budget_lock(actor=actor, budget=budget)
    return {"accounts": len(rows), "total": sum(r.amount for r in rows)}
