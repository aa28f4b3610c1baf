"""Issue 18: the DPR PDF for a big day (150 crew, 30 cast, 200 background), server build from
the database (reports.queries.report_document) plus typst render. Run by benchmarks/run.py,
which passes its seeding helpers."""

import random
import time
from datetime import date
from datetime import time as clock_time
from decimal import Decimal


def seed_dpr_day(production, rng, seed_people, seed_board):
    """A shot day as the bench's DPR reads it: a published call sheet calling 150 crew, 30 cast
    times, 200 background lines, every time of the day, scenes, department wraps."""
    from callboard.callsheets.models import CallSheet
    from callboard.callsheets.queries import issue, issued_as_json, sheet_view
    from callboard.people.models import Department, Person
    from callboard.reports.models import (
        BackgroundLine,
        CastTime,
        DepartmentWrap,
        ProductionReport,
        SceneProgress,
        SetTime,
    )
    from callboard.schedule.models import Strip

    seed_people(production, 150, rng)
    scenario = seed_board(production, rng)
    cast = Person.objects.bulk_create(
        Person(
            production=production,
            kind=Person.Kind.CAST,
            first_name=f"Actor{n}",
            last_name="Bench",
            character=f"CAST {n}",
            cast_number=n,
        )
        for n in range(1, 31)
    )
    sheet = CallSheet.objects.create(
        production=production,
        scenario=scenario,
        day_number=1,
        date=date(2027, 3, 1),
        number=1,
        crew_call=clock_time(7),
        lunch=clock_time(13),
        est_wrap=clock_time(19),
        status=CallSheet.Status.PUBLISHED,
        # every department on set today, the office's too: 150 on the back page
        department_calls={
            str(d.pk): "07:00" for d in Department.objects.filter(production=production)
        },
    )
    sheet.snapshot = issued_as_json(issue(sheet_view(sheet)))
    sheet.save()
    report = ProductionReport.objects.create(
        production=production,
        call_sheet=sheet,
        day_number=1,
        date=sheet.date,
        weather="Clear, 68°F",
        locations="Stage 5, 1 Studio Way",
        camera_media="A 012–015, B 008–010",
        sound_media="Cards 4, 5",
        notes="Stunt rehearsal ran long.",
        visitors="Studio executives (2)",
        meals_served={"breakfast": 180, "lunch": 420},
    )
    for kind, minutes in [
        ("crew_call", 420),
        ("first_shot", 462),
        ("meal_out", 780),
        ("meal_in", 810),
        ("first_shot_after_meal", 830),
        ("camera_wrap", 1140),
        ("last_out", 1185),
    ]:
        SetTime.objects.create(report=report, kind=kind, minutes=minutes)
    strips = list(Strip.objects.filter(production=production).order_by("position")[:8])
    SceneProgress.objects.bulk_create(
        SceneProgress(
            report=report,
            strip=s,
            scene=s.scene_number,
            eighths=s.eighths,
            status="part" if n == 3 else "complete" if n < 6 else "not_shot",
            eighths_shot=1 if n == 3 else 0,
            seconds=60 * n if n < 6 else 0,
            setups=3 + n if n < 6 else 0,
            position=n,
        )
        for n, s in enumerate(strips)
    )
    CastTime.objects.bulk_create(
        CastTime(
            report=report,
            person=p,
            cast_number=str(p.cast_number),
            character=p.character,
            status="W",
            report_makeup=360,
            on_set=450,
            meal_out=780,
            meal_in=810,
            dismiss=1130,
            meal_penalties=n % 3,
        )
        for n, p in enumerate(cast)
    )
    BackgroundLine.objects.bulk_create(
        BackgroundLine(
            report=report,
            description=f"Background type {n}",
            union=n % 4 == 0,
            count=rng.randint(1, 30),
            called=20,
            vouchers=rng.randint(15, 25),
            rate=Decimal("216.00"),
            call=360,
            meal_out=780,
            meal_in=810,
            wrap=1140,
            position=n,
        )
        for n in range(200)
    )
    from callboard.payroll.models import DealTerms

    DealTerms.objects.bulk_create(  # meal penalties priced for everyone, as on a real show
        DealTerms(
            production=production,
            person=p,
            rules="iatse-basic" if n % 2 else "ca-nonunion",
            guaranteed_hours=Decimal(12),
        )
        for n, p in enumerate(Person.objects.crew().filter(production=production))
    )
    DepartmentWrap.objects.bulk_create(
        DepartmentWrap(report=report, department=d, wrap=1170)
        for d in Department.objects.filter(production=production)
    )
    return report


def dpr_figures(owned, client, user, seed_people, seed_board) -> list[tuple]:
    from callboard.reports.dprpdf import dpr_pdf
    from callboard.reports.models import ProductionReport
    from callboard.reports.queries import report_document

    production = owned(client, user, "DPR Show")
    report = seed_dpr_day(production, random.Random(18), seed_people, seed_board)
    runs = iter(range(1000))
    samples = []

    def once():
        fresh = ProductionReport.objects.get(pk=report.pk)
        document = report_document(fresh)
        document["printed"] = f"run {next(runs)}"  # typst memoises: no run is a cache hit
        return document, dpr_pdf(document)

    once()
    for _ in range(7):
        start = time.perf_counter()
        document, pdf = once()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    from callboard.documents.render import pdf_page_count

    shape = (
        f"{document['crew_count']} crew, {len(document['cast'])} cast, "
        f"{len(document['background'])} background lines, {pdf_page_count(pdf)} pages"
    )
    return [
        (
            "DPR PDF, 150 crew / 30 cast / 200 bg (build + render)",
            "≤ 300 ms",
            samples[len(samples) // 2],
            300,
            shape,
        )
    ]
