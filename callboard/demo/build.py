"""The demo production "The Long Night": a realistic, fictitious feature for local demos.

Everything is built through the services (so the audit log reads as if the office
typed it in), from one seeded random generator, with dates relative to today so
the home page always looks live. `python manage.py demo` runs it.
"""

import random
import unicodedata
import zoneinfo
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from callboard.core.capabilities import ROLE_LABELS, SECOND_FACTOR_ROLES, Role
from callboard.core.models import Membership, Production, User
from callboard.core.services import production_create
from callboard.demo.accounting import accounting_demo_build, demo_books_delete
from callboard.demo.office_gate import build_gate
from callboard.demo.office_lunch import build_lunch
from callboard.demo.office_rooms import build_rooms
from callboard.demo.office_runs import build_runs
from callboard.demo.office_supplies import build_supplies, supplies_demo_delete
from callboard.demo.paperwork import paperwork_demo_build
from callboard.demo.payroll import deal_terms_demo_build, payroll_demo_build
from callboard.demo.schedule import schedule_demo_build, schedule_versions_demo_build, us_holidays
from callboard.demo.shootdays import shoot_days_demo_build
from callboard.demo.travel import travel_demo_build
from callboard.demo.wrap_checklist import build_wrap_checklist
from callboard.distribution.models import Dispatch
from callboard.office.models import PADay, Run
from callboard.paperwork.models import Packet
from callboard.payroll.models import TimeCard
from callboard.people.models import Department, DistributionGroup, Person, VendorCategory
from callboard.people.services import group_save, person_create, vendor_create
from callboard.reports.models import ProductionReport
from callboard.scripts.generator import generate_fountain
from callboard.scripts.models import Distribution as ScriptDistribution
from callboard.scripts.services import script_version_import
from callboard.travel.models import Booking, Scout

DEMO_SLUG = "demo"
DEMO_PASSWORD = "callboard-demo"
DEMO_DOMAIN = "demo.callboard.test"
DEMO_TIME_ZONE = "America/Los_Angeles"
SEED = 2026
DAYS_SHOT = 2  # shoot days 1 and 2 are in the past, day 3 is today or the next working day

# Each login: its role, the crew position whose name it carries, and what it can do.
_LOGINS = [
    (Role.STUDIO_ADMIN, "admin", "Producer", "everything, and the outbox of all mail"),
    (Role.UPM, "upm", "Unit Production Manager", "edits the show, team, lists; sees rates, audit"),
    (
        Role.COORDINATOR,
        "coordinator",
        "Production Coordinator",
        "edits the show, team, lists; sees rates, audit",
    ),
    (
        Role.APOC,
        "apoc",
        "Assistant Production Coordinator",
        "edits people, vendors and groups; imports",
    ),
    (Role.ACCOUNTANT, "accountant", "Production Accountant", "sees rates, edits vendors, exports"),
    (Role.PAYROLL, "payroll", "Payroll Accountant", "sees rates and private details, exports"),
    (Role.DEPARTMENT_HEAD, "depthead", "Key Grip", "reads the lists and vendors, exports"),
    (Role.CREW, "crew", "A Camera 2nd AC", "reads the cast and crew lists"),
    (Role.PA, "pa", "Office PA", "reads the lists and vendors, records times from set"),
    (
        Role.SECOND_AD,
        "secondad",
        "2nd Assistant Director",
        "records the day's times and scenes, writes the DPR and Exhibit G",
    ),
    (Role.SCRIPT_SUPERVISOR, "scripty", "Script Supervisor", "records scenes, pages and setups"),
    (
        Role.LOCATION_MANAGER,
        "locations",
        "Location Manager",
        "scouts, prices and confirms the places; permits",
    ),
]

# Demo e-mails whose role signs in with a second factor (demo_logins prints their keys).
DEMO_SECOND_FACTOR_EMAILS = {
    f"{user}@{DEMO_DOMAIN}" for role, user, _, _ in _LOGINS if role in SECOND_FACTOR_ROLES
}

# (role label, e-mail, what they can do): the README and `make run` print this table.
DEMO_LOGINS: list[tuple[str, str, str]] = [
    (ROLE_LABELS[role], f"{user}@{DEMO_DOMAIN}", can) for role, user, _, can in _LOGINS
]

# ---------------------------------------------------------------------------
# Names: first names carry the pronouns a third of people list (f, m, or n = any).
FIRST_NAMES = [
    ("Maria", "f"),
    ("Aisha", "f"),
    ("Mei", "f"),
    ("Priya", "f"),
    ("Sofia", "f"),
    ("Hannah", "f"),
    ("Keiko", "f"),
    ("Fatima", "f"),
    ("Olivia", "f"),
    ("Grace", "f"),
    ("Camila", "f"),
    ("Nadia", "f"),
    ("Ingrid", "f"),
    ("Leticia", "f"),
    ("Tamar", "f"),
    ("Yasmin", "f"),
    ("Rosa", "f"),
    ("Chloe", "f"),
    ("Amara", "f"),
    ("Beatriz", "f"),
    ("Eleanor", "f"),
    ("Naomi", "f"),
    ("Zoe", "f"),
    ("Imani", "f"),
    ("Lucia", "f"),
    ("Anika", "f"),
    ("Siobhan", "f"),
    ("Marisol", "f"),
    ("Hye-jin", "f"),
    ("Katherine", "f"),
    ("Elizabeth", "f"),
    ("Ruth", "f"),
    ("Esperanza", "f"),
    ("Ayesha", "f"),
    ("Margot", "f"),
    ("Thandiwe", "f"),
    ("Valentina", "f"),
    ("Dana", "f"),
    ("James", "m"),
    ("Marcus", "m"),
    ("Diego", "m"),
    ("Kwame", "m"),
    ("Hiroshi", "m"),
    ("Arjun", "m"),
    ("Mateo", "m"),
    ("Samuel", "m"),
    ("Tomás", "m"),
    ("Omar", "m"),
    ("Daniel", "m"),
    ("Luis", "m"),
    ("Benjamin", "m"),
    ("Wei", "m"),
    ("Rafael", "m"),
    ("Andre", "m"),
    ("Malik", "m"),
    ("Connor", "m"),
    ("Dmitri", "m"),
    ("Ethan", "m"),
    ("Gabriel", "m"),
    ("Isaac", "m"),
    ("Jamal", "m"),
    ("Kenji", "m"),
    ("Nikhil", "m"),
    ("Owen", "m"),
    ("Robert", "m"),
    ("William", "m"),
    ("Alejandro", "m"),
    ("Tobias", "m"),
    ("Emeka", "m"),
    ("Jun", "m"),
    ("Felipe", "m"),
    ("Desmond", "m"),
    ("Alex", "n"),
    ("Jordan", "n"),
    ("Sam", "n"),
    ("Riley", "n"),
    ("Casey", "n"),
    ("Jamie", "n"),
    ("Morgan", "n"),
    ("Quinn", "n"),
    ("Avery", "n"),
    ("Rowan", "n"),
]
LAST_NAMES = [
    "Nguyen",
    "Garcia",
    "Kim",
    "Patel",
    "Johnson",
    "Rodriguez",
    "Chen",
    "Williams",
    "Hernandez",
    "Nakamura",
    "Singh",
    "Brooks",
    "Martinez",
    "Cohen",
    "O'Brien",
    "Kowalczyk",
    "Adeyemi",
    "Rossi",
    "Lindqvist",
    "Haddad",
    "Mendoza",
    "Park",
    "Fischer",
    "Dubois",
    "Washington",
    "Sato",
    "Alvarez",
    "Friedman",
    "Mensah",
    "Castillo",
    "Yamamoto",
    "Sullivan",
    "Petrov",
    "Abdullah",
    "Novak",
    "Silva",
    "Tanaka",
    "Ramirez",
    "Bianchi",
    "Morales",
    "Khan",
    "Baptiste",
    "Whitaker",
    "Delgado",
    "Horvath",
    "Osei",
    "Lee",
    "Thompson",
    "Vargas",
    "Gutierrez",
    "Chowdhury",
    "Ferreira",
    "Kaplan",
    "Moreau",
    "Abernathy",
    "Jensen",
    "Takahashi",
    "Wright",
    "Coleman",
    "Santos",
    "Bergstrom",
    "Acheampong",
    "Liu",
    "Ortiz",
    "Hoffman",
    "Pham",
    "Rivera",
    "Murphy",
    "Nair",
    "Salazar",
    "Zhang",
    "Ellison",
    "Flores",
    "Carter",
    "Herrera",
    "Yilmaz",
    "Gallagher",
    "Bello",
    "Sandoval",
    "Quintero",
    "Kaur",
    "Mahmoud",
    "Lopez",
    "Watanabe",
]
PREFERRED = {
    "Katherine": "Kate",
    "Elizabeth": "Liz",
    "Robert": "Bobby",
    "William": "Will",
    "Alejandro": "Alex",
    "Benjamin": "Ben",
    "Samuel": "Sammy",
    "Valentina": "Val",
}
PRONOUNS = {"f": "she/her", "m": "he/him", "n": "they/them"}

# Home neighbourhoods: (city, zip) and street names for the crew's addresses.
LA_PLACES = [
    ("Los Angeles", "90026"),
    ("Los Angeles", "90039"),
    ("Los Angeles", "90041"),
    ("Los Angeles", "90042"),
    ("Los Angeles", "90066"),
    ("Los Angeles", "90019"),
    ("Burbank", "91505"),
    ("Burbank", "91506"),
    ("Glendale", "91205"),
    ("Glendale", "91206"),
    ("North Hollywood", "91601"),
    ("North Hollywood", "91606"),
    ("Pasadena", "91101"),
    ("Pasadena", "91104"),
    ("Culver City", "90232"),
    ("Santa Monica", "90404"),
    ("Van Nuys", "91405"),
    ("Sherman Oaks", "91403"),
    ("Studio City", "91604"),
    ("Valley Village", "91607"),
    ("Long Beach", "90802"),
    ("Inglewood", "90301"),
    ("Alhambra", "91801"),
    ("Torrance", "90501"),
    ("Altadena", "91001"),
    ("Tujunga", "91042"),
    ("Santa Clarita", "91355"),
    ("Eagle Rock", "90041"),
]
STREETS = [
    "Magnolia Blvd",
    "Riverside Dr",
    "Vineland Ave",
    "Fountain Ave",
    "Franklin Ave",
    "Colorado Blvd",
    "Venice Blvd",
    "Lankershim Blvd",
    "Glenoaks Blvd",
    "Olive Ave",
    "Verdugo Rd",
    "Hyperion Ave",
    "Figueroa St",
    "Maple St",
    "Rosewood Ave",
    "Lemon Grove Ave",
    "Elm Ave",
    "Chandler Blvd",
    "Moorpark St",
    "Laurel Canyon Blvd",
    "Sepulveda Blvd",
    "Washington Pl",
    "Pico Blvd",
    "Los Feliz Blvd",
    "Alameda Ave",
    "Kester Ave",
]
FAMILY = {
    "f": ["Wife", "Spouse", "Mother", "Sister"],
    "m": ["Husband", "Spouse", "Father", "Brother"],
    "n": ["Spouse", "Parent", "Sibling"],
}
OTHER = ["Partner", "Friend", "Roommate"]

# ---------------------------------------------------------------------------
# The crew, department by department, in the usual hierarchy.
# (department, position, count, head, union, local, (rate unit, low, high), start, end)
# start: P0 first days of prep, HEAD early prep, PREP mid prep, NEAR the week before the
#        shoot, DAY weeks 3-4 of the shoot.  end: W end of wrap, S three days after the
#        last shoot day, DAY end of week 4.
ROSTER = [
    ("Production", "Producer", 1, True, "", "", ("week", 8500, 9500), "P0", "W"),
    ("Production", "Line Producer", 1, False, "", "", ("week", 6500, 7500), "P0", "W"),
    ("Production", "Unit Production Manager", 1, False, "DGA", "", ("week", 5800, 6200), "P0", "W"),
    (
        "Production",
        "Production Coordinator",
        1,
        False,
        "IATSE",
        "871",
        ("week", 2600, 2900),
        "P0",
        "W",
    ),
    (
        "Production",
        "Assistant Production Coordinator",
        1,
        False,
        "IATSE",
        "871",
        ("hour", 38, 42),
        "HEAD",
        "W",
    ),
    ("Production", "Production Secretary", 1, False, "", "", ("hour", 28, 30), "HEAD", "W"),
    ("Production", "Assistant to Producer", 1, False, "", "", ("hour", 26, 28), "P0", "W"),
    ("Production", "Office PA", 3, False, "", "", ("hour", 20, 22), "PREP", "W"),
    (
        "Production",
        "1st Assistant Director",
        1,
        False,
        "DGA",
        "",
        ("week", 6400, 6800),
        "HEAD",
        "S",
    ),
    (
        "Production",
        "2nd Assistant Director",
        1,
        False,
        "DGA",
        "",
        ("week", 4300, 4500),
        "PREP",
        "S",
    ),
    (
        "Production",
        "2nd 2nd Assistant Director",
        1,
        False,
        "DGA",
        "",
        ("week", 4000, 4200),
        "NEAR",
        "S",
    ),
    ("Production", "Script Supervisor", 1, False, "IATSE", "871", ("hour", 56, 58), "NEAR", "S"),
    ("Production", "Set PA", 5, False, "", "", ("hour", 20, 22), "NEAR", "S"),
    ("Locations", "Location Manager", 1, True, "Teamsters", "399", ("week", 3900, 4300), "P0", "W"),
    (
        "Locations",
        "Key Assistant Location Manager",
        1,
        False,
        "Teamsters",
        "399",
        ("hour", 48, 52),
        "HEAD",
        "W",
    ),
    (
        "Locations",
        "Assistant Location Manager",
        1,
        False,
        "Teamsters",
        "399",
        ("hour", 44, 46),
        "PREP",
        "S",
    ),
    ("Locations", "Location Scout", 2, False, "Teamsters", "399", ("hour", 42, 44), "HEAD", "S"),
    (
        "Camera",
        "Director of Photography",
        1,
        True,
        "IATSE",
        "600",
        ("week", 9500, 11500),
        "HEAD",
        "S",
    ),
    ("Camera", "A Camera Operator", 1, False, "IATSE", "600", ("hour", 80, 85), "NEAR", "S"),
    ("Camera", "A Camera 1st AC", 1, False, "IATSE", "600", ("hour", 60, 65), "NEAR", "S"),
    ("Camera", "A Camera 2nd AC", 1, False, "IATSE", "600", ("hour", 52, 55), "NEAR", "S"),
    ("Camera", "B Camera Operator", 1, False, "IATSE", "600", ("hour", 78, 82), "NEAR", "S"),
    ("Camera", "B Camera 1st AC", 1, False, "IATSE", "600", ("hour", 60, 63), "NEAR", "S"),
    ("Camera", "B Camera 2nd AC", 1, False, "IATSE", "600", ("hour", 50, 53), "NEAR", "S"),
    ("Camera", "DIT", 1, False, "IATSE", "600", ("hour", 70, 75), "NEAR", "S"),
    ("Camera", "Loader", 1, False, "IATSE", "600", ("hour", 45, 48), "NEAR", "S"),
    ("Camera", "Camera Utility", 1, False, "IATSE", "600", ("hour", 45, 47), "NEAR", "S"),
    ("Camera", "Still Photographer", 1, False, "IATSE", "600", ("hour", 68, 72), "NEAR", "S"),
    ("Grip", "Key Grip", 1, True, "IATSE", "80", ("week", 4100, 4400), "HEAD", "S"),
    ("Grip", "Best Boy Grip", 1, False, "IATSE", "80", ("hour", 55, 58), "PREP", "S"),
    ("Grip", "Dolly Grip", 1, False, "IATSE", "80", ("hour", 56, 58), "NEAR", "S"),
    ("Grip", "Rigging Key Grip", 1, False, "IATSE", "80", ("hour", 54, 56), "PREP", "S"),
    ("Grip", "Company Grip", 8, False, "IATSE", "80", ("hour", 50, 52), "NEAR", "S"),
    ("Electric", "Gaffer", 1, True, "IATSE", "728", ("week", 4100, 4400), "HEAD", "S"),
    ("Electric", "Best Boy Electric", 1, False, "IATSE", "728", ("hour", 55, 58), "PREP", "S"),
    ("Electric", "Rigging Gaffer", 1, False, "IATSE", "728", ("hour", 54, 56), "PREP", "S"),
    (
        "Electric",
        "Lighting Board Operator",
        1,
        False,
        "IATSE",
        "728",
        ("hour", 52, 54),
        "NEAR",
        "S",
    ),
    ("Electric", "Generator Operator", 1, False, "IATSE", "728", ("hour", 52, 54), "NEAR", "S"),
    ("Electric", "Electrician", 7, False, "IATSE", "728", ("hour", 50, 52), "NEAR", "S"),
    ("Electric", "Electrician", 1, False, "IATSE", "728", ("day", 500, 550), "DAY", "DAY"),
    ("Art", "Production Designer", 1, True, "IATSE", "800", ("week", 6500, 7500), "P0", "W"),
    ("Art", "Art Director", 1, False, "IATSE", "800", ("hour", 70, 75), "P0", "W"),
    ("Art", "Assistant Art Director", 1, False, "IATSE", "800", ("hour", 50, 54), "HEAD", "W"),
    ("Art", "Set Designer", 2, False, "IATSE", "800", ("hour", 58, 62), "HEAD", "S"),
    ("Art", "Art Department Coordinator", 1, False, "IATSE", "871", ("hour", 40, 44), "HEAD", "W"),
    ("Art", "Graphic Designer", 1, False, "IATSE", "800", ("hour", 56, 60), "PREP", "S"),
    ("Art", "Art Department PA", 1, False, "", "", ("hour", 20, 22), "PREP", "W"),
    ("Set Dressing", "Set Decorator", 1, True, "IATSE", "44", ("week", 4000, 4500), "HEAD", "W"),
    ("Set Dressing", "Leadman", 1, False, "IATSE", "44", ("hour", 50, 54), "PREP", "W"),
    (
        "Set Dressing",
        "Set Decorating Buyer",
        1,
        False,
        "IATSE",
        "44",
        ("hour", 48, 50),
        "PREP",
        "W",
    ),
    ("Set Dressing", "On-set Dresser", 1, False, "IATSE", "44", ("hour", 46, 48), "NEAR", "S"),
    ("Set Dressing", "Swing", 5, False, "IATSE", "44", ("hour", 44, 46), "PREP", "W"),
    ("Props", "Property Master", 1, True, "IATSE", "44", ("week", 4000, 4500), "HEAD", "S"),
    ("Props", "Assistant Property Master", 1, False, "IATSE", "44", ("hour", 50, 52), "PREP", "S"),
    ("Props", "Props Assistant", 2, False, "IATSE", "44", ("hour", 46, 48), "NEAR", "S"),
    (
        "Construction",
        "Construction Coordinator",
        1,
        True,
        "IATSE",
        "44",
        ("week", 4200, 4700),
        "HEAD",
        "W",
    ),
    (
        "Construction",
        "Construction Foreman",
        1,
        False,
        "IATSE",
        "44",
        ("hour", 60, 64),
        "HEAD",
        "W",
    ),
    ("Construction", "Carpenter", 5, False, "IATSE", "44", ("hour", 46, 50), "PREP", "W"),
    ("Construction", "Paint Foreman", 1, False, "IATSE", "729", ("hour", 56, 58), "PREP", "W"),
    ("Construction", "Painter", 2, False, "IATSE", "729", ("hour", 46, 48), "PREP", "W"),
    ("Construction", "Laborer", 1, False, "LiUNA", "724", ("hour", 38, 40), "PREP", "W"),
    ("Wardrobe", "Costume Designer", 1, True, "IATSE", "892", ("week", 4500, 5500), "P0", "W"),
    ("Wardrobe", "Costume Supervisor", 1, False, "IATSE", "705", ("hour", 54, 56), "HEAD", "W"),
    ("Wardrobe", "Key Costumer", 1, False, "IATSE", "705", ("hour", 50, 52), "PREP", "S"),
    ("Wardrobe", "Set Costumer", 2, False, "IATSE", "705", ("hour", 46, 48), "NEAR", "S"),
    ("Wardrobe", "Costumer", 2, False, "IATSE", "705", ("hour", 44, 46), "PREP", "S"),
    ("Hair", "Department Head Hair", 1, True, "IATSE", "706", ("week", 3800, 4200), "HEAD", "S"),
    ("Hair", "Key Hair", 1, False, "IATSE", "706", ("hour", 58, 62), "NEAR", "S"),
    ("Hair", "Hair Stylist", 1, False, "IATSE", "706", ("hour", 52, 55), "NEAR", "S"),
    (
        "Makeup",
        "Department Head Makeup",
        1,
        True,
        "IATSE",
        "706",
        ("week", 3800, 4200),
        "HEAD",
        "S",
    ),
    ("Makeup", "Key Makeup", 1, False, "IATSE", "706", ("hour", 58, 62), "NEAR", "S"),
    ("Makeup", "Makeup Artist", 2, False, "IATSE", "706", ("hour", 52, 55), "NEAR", "S"),
    ("Sound", "Production Sound Mixer", 1, True, "IATSE", "695", ("week", 4800, 5200), "HEAD", "S"),
    ("Sound", "Boom Operator", 1, False, "IATSE", "695", ("hour", 58, 62), "NEAR", "S"),
    ("Sound", "Utility Sound Technician", 1, False, "IATSE", "695", ("hour", 48, 50), "NEAR", "S"),
    ("Sound", "Video Assist Operator", 1, False, "IATSE", "695", ("hour", 50, 52), "NEAR", "S"),
    (
        "Transportation",
        "Transportation Coordinator",
        1,
        True,
        "Teamsters",
        "399",
        ("week", 4000, 4400),
        "HEAD",
        "W",
    ),
    (
        "Transportation",
        "Transportation Captain",
        1,
        False,
        "Teamsters",
        "399",
        ("hour", 52, 55),
        "PREP",
        "W",
    ),
    ("Transportation", "Dispatcher", 1, False, "Teamsters", "399", ("hour", 40, 42), "NEAR", "S"),
    ("Transportation", "Driver", 10, False, "Teamsters", "399", ("hour", 42, 45), "NEAR", "S"),
    ("Transportation", "Driver", 1, False, "Teamsters", "399", ("day", 450, 500), "DAY", "DAY"),
    ("Catering", "Chef", 1, True, "Teamsters", "399", ("week", 2800, 3200), "NEAR", "S"),
    ("Catering", "Cook", 1, False, "Teamsters", "399", ("hour", 38, 40), "NEAR", "S"),
    ("Catering", "Catering Assistant", 1, False, "", "", ("hour", 30, 32), "NEAR", "S"),
    (
        "Craft Service",
        "Key Craft Service",
        1,
        True,
        "IATSE",
        "80",
        ("week", 2400, 2600),
        "NEAR",
        "S",
    ),
    (
        "Craft Service",
        "Craft Service Assistant",
        1,
        False,
        "IATSE",
        "80",
        ("hour", 34, 36),
        "NEAR",
        "S",
    ),
    (
        "Accounting",
        "Production Accountant",
        1,
        True,
        "IATSE",
        "871",
        ("week", 3800, 4200),
        "P0",
        "W",
    ),
    (
        "Accounting",
        "1st Assistant Accountant",
        1,
        False,
        "IATSE",
        "871",
        ("hour", 48, 50),
        "HEAD",
        "W",
    ),
    (
        "Accounting",
        "2nd Assistant Accountant",
        1,
        False,
        "IATSE",
        "871",
        ("hour", 40, 42),
        "PREP",
        "W",
    ),
    ("Accounting", "Payroll Accountant", 1, False, "IATSE", "871", ("hour", 44, 46), "HEAD", "W"),
    ("Accounting", "Accounting Clerk", 1, False, "", "", ("hour", 32, 34), "PREP", "W"),
    ("Post", "Editor", 1, True, "IATSE", "700", ("week", 4600, 5200), "NEAR", "W"),
    ("Post", "1st Assistant Editor", 1, False, "IATSE", "700", ("hour", 48, 50), "NEAR", "W"),
    ("Post", "Post Production Supervisor", 1, False, "IATSE", "700", ("hour", 55, 58), "PREP", "W"),
    ("Post", "Post PA", 1, False, "", "", ("hour", 20, 22), "NEAR", "W"),
    ("Casting", "Casting Director", 1, True, "Teamsters", "399", ("week", 5000, 6000), "P0", "S"),
    ("Casting", "Casting Associate", 1, False, "Teamsters", "399", ("hour", 42, 45), "P0", "S"),
    ("Casting", "Extras Casting Director", 1, False, "", "", ("week", 2400, 2600), "PREP", "S"),
    (
        "Special Effects",
        "Special Effects Coordinator",
        1,
        True,
        "IATSE",
        "44",
        ("week", 4300, 4600),
        "HEAD",
        "S",
    ),
    (
        "Special Effects",
        "Special Effects Foreman",
        1,
        False,
        "IATSE",
        "44",
        ("hour", 58, 60),
        "PREP",
        "S",
    ),
    (
        "Special Effects",
        "Special Effects Technician",
        1,
        False,
        "IATSE",
        "44",
        ("hour", 50, 52),
        "NEAR",
        "S",
    ),
    ("Stunts", "Stunt Coordinator", 1, True, "SAG-AFTRA", "", ("week", 5500, 6000), "HEAD", "S"),
    ("Stunts", "Stunt Performer", 1, False, "SAG-AFTRA", "", ("day", 1250, 1300), "DAY", "DAY"),
    ("Medic & Safety", "Set Medic", 1, True, "IATSE", "767", ("week", 2800, 3000), "NEAR", "S"),
    ("Medic & Safety", "Set Medic", 1, False, "IATSE", "767", ("hour", 44, 46), "NEAR", "S"),
    ("Medic & Safety", "Safety Coordinator", 1, False, "", "", ("day", 600, 700), "NEAR", "S"),
]

# A note on the first person in each of these positions.
NOTES = {
    "Production Secretary": "Needs parking pass (office lot, Gate 4).",
    "2nd 2nd Assistant Director": "DGA Trainee Program graduate; first show as 2nd 2nd.",
    "A Camera Operator": "Also operates Steadicam; rig rental billed through loan-out.",
    "Still Photographer": "Tue–Thu only in weeks 1–2 (finishing another show).",
    "Dolly Grip": "Box rental approved: $50/day.",
    "Costume Supervisor": "Kit rental $150/week approved.",
    "Key Craft Service": "Vegan and gluten-free options every day.",
    "Stunt Performer": "Day-player on weeks 3-4 (car hit, fire-escape fall).",
    "Driver": "Class A licence. Needs parking pass for the base camp lot.",
}
DAY_PLAYER_NOTE = "Day-player on weeks 3-4"

# ---------------------------------------------------------------------------
# The cast: (character, gender of the name to cast, rate unit, rate)
CAST = [
    ("MAGGIE DOYLE", "f", "week", 30000),
    ("DETECTIVE RAY OKAFOR", "m", "week", 22500),
    ("EVELYN MARSH", "f", "week", 12000),
    ("TOMMY DOYLE", "m", "week", 10000),
    ("CAPTAIN LOUISE PRATT", "f", "week", 7500),
    ("DANNY REYES", "m", "week", 6500),
    ("DR. HAROLD VANCE", "m", "week", 6000),
    ("NORA VANCE", "f", "week", 5000),
    ("SGT. BILL KOWALSKI", "m", "day", 1500),
    ("LENA CHO", "f", "day", 1500),
    ("FATHER MICHAEL BRENNAN", "m", "day", 1246),
    ("JULIO ESTRADA", "m", "day", 1246),
    ("MRS. ADELAIDE FINCH", "f", "day", 1246),
    ("OFFICER TASHA GREENE", "f", "day", 1246),
    ("BARTENDER", "n", "day", 1246),
    ("NIGHT CLERK", "n", "day", 1246),
    ("PARAMEDIC #1", "n", "day", 1246),
    ("PARAMEDIC #2", "n", "day", 1246),
    ("TAXI DRIVER", "m", "day", 1246),
    ("NEWS ANCHOR", "f", "day", 1246),
]
CAST_NOTES = {
    1: "All scheduling through her agent at Brightline Talent, (310) 555-0177.",
    2: "Fittings on prep days 30 and 32.",
    4: "Stunt double required for the fire-escape sequence.",
}

# ---------------------------------------------------------------------------
# Vendors: (name, categories, domain, street, city, zip, account no., contact titles, notes)
VENDORS = [
    (
        "Halide Camera Rentals",
        ["Camera rental"],
        "halidecamera",
        "2810 N Naomi St",
        "Burbank",
        "91504",
        "NJP-10442",
        ["Rental Agent", "Prep Tech Supervisor"],
        "Camera prep bay booked for the week before the shoot.",
    ),
    (
        "Northlight Optics & Camera",
        ["Camera rental"],
        "northlightoptics",
        "7300 Hayvenhurst Ave",
        "Van Nuys",
        "91406",
        "",
        ["Lens Specialist"],
        "Anamorphic lens package on hold.",
    ),
    (
        "Silverline Grip & Electric",
        ["Grip & electric", "Expendables"],
        "silverlinege",
        "11200 Sherman Way",
        "Sun Valley",
        "91352",
        "SGE-4471",
        ["Rental Agent", "Dispatch"],
        "",
    ),
    (
        "Kilowatt Lighting Supply",
        ["Grip & electric"],
        "kilowattlighting",
        "3550 San Fernando Rd",
        "Glendale",
        "91204",
        "",
        ["Sales Manager"],
        "",
    ),
    (
        "Sunland Generators",
        ["Grip & electric", "Production vehicles"],
        "sunlandgen",
        "8400 Foothill Blvd",
        "Sunland",
        "91040",
        "SG-2210",
        ["Owner", "Dispatch"],
        "Tow-plant generators; fuel billed weekly.",
    ),
    (
        "Gaff & Co. Expendables",
        ["Expendables"],
        "gaffandco",
        "1620 W Magnolia Blvd",
        "Burbank",
        "91506",
        "GC-88310",
        ["Counter Manager"],
        "Open 6 am weekdays.",
    ),
    (
        "Studio Stock Expendables",
        ["Expendables", "Office & supplies"],
        "studiostock",
        "4520 W Vanowen St",
        "Burbank",
        "91505",
        "",
        ["Account Manager"],
        "",
    ),
    (
        "Route 5 Production Vehicles",
        ["Production vehicles"],
        "route5vehicles",
        "9800 San Fernando Rd",
        "Pacoima",
        "91331",
        "R5-3019",
        ["Rental Coordinator", "Fleet Manager"],
        "Cube trucks, cargo vans, 15-passenger vans.",
    ),
    (
        "Valley Honeywagon & Trailer",
        ["Production vehicles"],
        "valleyhoneywagon",
        "12650 Branford St",
        "Pacoima",
        "91331",
        "VHT-555",
        ["Owner"],
        "3-room honeywagon and two 2-banger trailers.",
    ),
    (
        "Eastside Picture Cars",
        ["Production vehicles"],
        "eastsidepicturecars",
        "4100 Eagle Rock Blvd",
        "Los Angeles",
        "90065",
        "",
        ["Picture Car Coordinator"],
        "1978 Chevrolet Caprice police car on hold for weeks 2-5.",
    ),
    (
        "Lamplight Location Catering",
        ["Catering"],
        "lamplightcatering",
        "1335 S Flower St",
        "Los Angeles",
        "90015",
        "LLC-2026",
        ["Owner / Chef", "Bookings"],
        "Crew of 150, breakfast burrito bar.",
    ),
    (
        "Second Meal Craft Services",
        ["Craft service", "Catering"],
        "secondmeal",
        "5420 Lankershim Blvd",
        "North Hollywood",
        "91601",
        "",
        ["Owner"],
        "",
    ),
    (
        "Cold Brew Coffee Cart Co.",
        ["Craft service"],
        "coldbrewcart",
        "2201 W Burbank Blvd",
        "Burbank",
        "91506",
        "",
        ["Bookings"],
        "Espresso cart on night-shoot weeks.",
    ),
    (
        "Hollow Oak Prop House",
        ["Props house"],
        "hollowoakprops",
        "7020 Valjean Ave",
        "Van Nuys",
        "91406",
        "HOP-7731",
        ["Rental Agent", "Warehouse Manager"],
        "",
    ),
    (
        "Ninth Street Props",
        ["Props house"],
        "ninthstreetprops",
        "920 E 9th St",
        "Los Angeles",
        "90021",
        "",
        ["Owner"],
        "Period police and newsroom props.",
    ),
    (
        "Threadbare Costume Rental",
        ["Wardrobe rental"],
        "threadbarecostume",
        "5900 Sepulveda Blvd",
        "Van Nuys",
        "91411",
        "TCR-1206",
        ["Rental Agent"],
        "",
    ),
    (
        "Marlowe Costume House",
        ["Wardrobe rental"],
        "marlowecostume",
        "3211 W Olive Ave",
        "Burbank",
        "91505",
        "",
        ["Stock Manager", "Tailor"],
        "1970s police uniforms, 40 sets.",
    ),
    (
        "Blue Door Location Services",
        ["Location services"],
        "bluedoorlocations",
        "1040 N Las Palmas Ave",
        "Los Angeles",
        "90038",
        "BDL-419",
        ["Account Manager"],
        "Tents, tables, chairs, heaters, layout board.",
    ),
    (
        "Citywide Location Support",
        ["Location services", "Security"],
        "citywidesupport",
        "2630 E 12th St",
        "Los Angeles",
        "90023",
        "",
        ["Operations Manager"],
        "Restroom trailers and parking attendants.",
    ),
    (
        "Paperclip Office Supply",
        ["Office & supplies"],
        "paperclipoffice",
        "3111 W Burbank Blvd",
        "Burbank",
        "91505",
        "PC-60021",
        ["Account Manager"],
        "Next-day delivery to the production office.",
    ),
    (
        "Pacific Walkie Rentals",
        ["Office & supplies", "Expendables"],
        "pacificwalkie",
        "6800 Valjean Ave",
        "Van Nuys",
        "91406",
        "PWR-332",
        ["Rental Agent"],
        "60 walkies, surveillance headsets, repeater.",
    ),
    (
        "Burbank Copier & Printer Rental",
        ["Office & supplies"],
        "burbankcopier",
        "2420 N Hollywood Way",
        "Burbank",
        "91505",
        "",
        ["Service Technician"],
        "",
    ),
    (
        "Nightshift Post",
        ["Post production"],
        "nightshiftpost",
        "1000 N Highland Ave",
        "Los Angeles",
        "90038",
        "NSP-1902",
        ["Post Producer", "Dailies Colorist"],
        "Dailies, editorial rooms, online.",
    ),
    (
        "Reelhouse Sound",
        ["Post production"],
        "reelhousesound",
        "3400 W Riverside Dr",
        "Burbank",
        "91505",
        "",
        ["Studio Manager"],
        "Mix stage held for post weeks 10-12.",
    ),
    (
        "Sentinel Set Security",
        ["Security"],
        "sentinelsetsecurity",
        "8921 National Blvd",
        "Los Angeles",
        "90034",
        "SSS-4410",
        ["Dispatch", "Account Manager"],
        "Overnight guards on the stage and base camp.",
    ),
    (
        "First Response Set Medics",
        ["Medic & safety"],
        "firstresponsemedics",
        "11700 Victory Blvd",
        "North Hollywood",
        "91606",
        "",
        ["Scheduling"],
        "Second medic on stunt days.",
    ),
    (
        "Wayfarer Production Travel",
        ["Travel & hotels"],
        "wayfarertravel",
        "10880 Wilshire Blvd, Suite 1400",
        "Los Angeles",
        "90024",
        "WPT-2026-17",
        ["Travel Agent", "After-hours Desk"],
        "",
    ),
    (
        "Crestview Extended Stay Burbank",
        ["Travel & hotels"],
        "crestviewstay",
        "2500 N Hollywood Way",
        "Burbank",
        "91505",
        "",
        ["Group Sales"],
        "Block of 12 rooms for out-of-town hires.",
    ),
    (
        "Keystone Entertainment Insurance",
        ["Insurance"],
        "keystoneinsurance",
        "15821 Ventura Blvd, Suite 500",
        "Encino",
        "91436",
        "KEI-PKG-77310",
        ["Broker", "Certificates Desk"],
        "Certificates of insurance: same-day by e-mail.",
    ),
    (
        "Ledgerline Entertainment Payroll",
        ["Payroll"],
        "ledgerlinepayroll",
        "2300 Empire Ave",
        "Burbank",
        "91504",
        "LEP-30882",
        ["Payroll Account Executive", "Start Paperwork Desk"],
        "Payroll closes Tuesday noon.",
    ),
]

GROUP_OFFICE = [
    "Producer",
    "Line Producer",
    "Unit Production Manager",
    "Production Coordinator",
    "Assistant Production Coordinator",
    "Production Secretary",
    "Production Accountant",
    "1st Assistant Director",
]


def _working(day: date, holidays: set[date]) -> bool:
    return day.weekday() < 5 and day not in holidays  # the calendar's weekends off


def demo_dates(today: date) -> dict[str, date]:
    """The shoot's dates around today: two days shot, day 3 today or the next working day
    (weekends and US holidays off, as the demo's calendar has them), five weeks of prep
    before it."""
    holidays = set(us_holidays(today - timedelta(days=30), 60))
    day_three = today
    while not _working(day_three, holidays):
        day_three += timedelta(days=1)
    shoot_start = day_three
    for _ in range(DAYS_SHOT):
        shoot_start -= timedelta(days=1)
        while not _working(shoot_start, holidays):
            shoot_start -= timedelta(days=1)
    shoot_end = shoot_start + timedelta(days=41)
    return {
        "prep_start": shoot_start - timedelta(days=35),
        "shoot_start": shoot_start,
        "shoot_end": shoot_end,
        "wrap_end": shoot_end + timedelta(days=20),
    }


class _Maker:
    """Names, numbers and addresses drawn from one seeded generator, never repeated."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.names: set[tuple[str, str]] = set()
        self.slugs: set[str] = set()
        mobiles = [(area, n) for area in (310, 323, 818) for n in range(100, 200)]
        rng.shuffle(mobiles)
        self.mobiles = mobiles
        self.others: set[str] = set()
        self.first_queue: list = []
        self.last_queue: list = []

    def _draw(self, queue: list, pool: list, fits=lambda item: True):
        """The next fitting item of a shuffled pass through the pool, so names spread evenly."""
        for _ in range(2):
            for i, item in enumerate(queue):
                if fits(item):
                    return queue.pop(i)
            queue.extend(self.rng.sample(pool, len(pool)))
        raise LookupError("no fitting name")

    def name(self, gender: str = "") -> tuple[str, str, str]:
        """(first, last, gender) not yet used, whose e-mail slug is free too."""
        while True:
            first, kind = self._draw(
                self.first_queue, FIRST_NAMES, lambda f: gender in ("", "n") or f[1] == gender
            )
            last = self._draw(self.last_queue, LAST_NAMES)
            slug = f"{_ascii(first)}.{_ascii(last)}"
            if (first, last) not in self.names and slug not in self.slugs:
                self.names.add((first, last))
                self.slugs.add(slug)
                return first, last, kind

    def mobile(self) -> str:
        area, n = self.mobiles.pop()
        return f"({area}) 555-{n:04d}"

    def other_phone(self, areas=(213, 310, 323, 424, 562, 626, 661, 747, 818)) -> str:
        while True:
            number = f"({self.rng.choice(areas)}) 555-{self.rng.randint(2000, 2999)}"
            if number not in self.others:
                self.others.add(number)
                return number

    def address(self) -> dict:
        city, postal_code = self.rng.choice(LA_PLACES)
        street = f"{self.rng.randint(100, 14999)} {self.rng.choice(STREETS)}"
        if self.rng.random() < 0.3:
            street += f", Apt {self.rng.randint(1, 40)}"
        return {"street": street, "city": city, "region": "CA", "postal_code": postal_code}

    def emergency(self, last: str) -> dict:
        first, gender = self.rng.choice(FIRST_NAMES)
        if self.rng.random() < 0.6:
            name, relation = f"{first} {last}", self.rng.choice(FAMILY[gender])
        else:
            name, relation = f"{first} {self.rng.choice(LAST_NAMES)}", self.rng.choice(OTHER)
        return {
            "emergency_name": name,
            "emergency_relation": relation,
            "emergency_phone": self.other_phone(),
        }

    def rate(self, unit: str, low: int, high: int) -> Decimal:
        if unit == "hour":
            return Decimal(self.rng.randint(low * 4, high * 4)) / 4
        step = 50 if unit == "week" else 25
        return Decimal(self.rng.randrange(low, high + 1, step))


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in folded if ch.isalnum() or ch == "-")


def _crew_rows(maker: _Maker, dates: dict[str, date], today: date) -> list[dict]:
    """Every crew member's fields (department by name), gaps included, before any write."""
    rng = maker.rng
    prep, shoot = dates["prep_start"], dates["shoot_start"]
    starts = {
        "P0": lambda: prep + timedelta(days=rng.randint(0, 2)),
        "HEAD": lambda: prep + timedelta(days=rng.randint(2, 8)),
        "PREP": lambda: prep + timedelta(days=rng.randint(8, 20)),
        "NEAR": lambda: shoot - timedelta(days=rng.randint(2, 7)),
        "DAY": lambda: shoot + timedelta(days=14),
    }
    ends = {
        "W": dates["wrap_end"],
        "S": dates["shoot_end"] + timedelta(days=3),
        "DAY": shoot + timedelta(days=27),
    }
    rows, noted = [], set()
    for department, position, count, head, union, local, rate, start, end in ROSTER:
        amount = maker.rate(*rate)
        for _ in range(count):
            first, last, gender = maker.name()
            row = {
                "department": department,
                "position": position,
                "is_department_head": head,
                "first_name": first,
                "last_name": last,
                "email": f"{_ascii(first)}.{_ascii(last)}@crewmail.example",
                "phone": maker.mobile(),
                "union": union,
                "local": local,
                "rate": amount,
                "rate_unit": rate[0],
                "start_date": starts[start](),
                "end_date": ends[end],
                "status": Person.Status.PREPPING,
                "notes": "",
            }
            if rng.random() < 0.33:
                row["pronouns"] = PRONOUNS[gender if gender != "n" else rng.choice("fmnn")]
            if first in PREFERRED and rng.random() < 0.5:
                row["preferred_name"] = PREFERRED[first]
            if rng.random() < 0.97:
                row |= maker.address()
            row |= maker.emergency(last)
            if start == "DAY" and position != "Stunt Performer":
                row["notes"] = DAY_PLAYER_NOTE
            elif position in NOTES and position not in noted:
                row["notes"] = NOTES[position]
            noted.add(position)
            rows.append(row)

    # The gaps a real list has on a prep morning, for the home page's "needs attention".
    def nth(position: str, n: int = 0) -> dict:
        return [r for r in rows if r["position"] == position][n]

    nth("Swing", 3).update(phone="", notes="Union hall dispatch; mobile number to follow.")
    nth("Laborer").update(phone="")
    nth("Driver", 6).update(email="", notes="No e-mail: text call times to the mobile.")
    scout = nth("Location Scout", 1)
    scout.update(
        start_date=prep,
        end_date=shoot - timedelta(days=3),
        notes="Scouting only; finished after the tech scout.",
    )
    spare = [r for r in rows if not r["is_department_head"] and r["phone"] and r["email"]]
    for row in rng.sample(spare, 5):
        row.update(emergency_name="", emergency_relation="", emergency_phone="")
    return rows


def _write(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message + "\n")


def demo_user(email: str, name: str, **extra) -> User:
    """The demo login with this e-mail: an existing account is kept as it is."""
    return User.objects.filter(email=email).first() or User.objects.create_user(
        email, DEMO_PASSWORD, name=name, **extra
    )


def demo_authenticator(user: User) -> TOTPDevice:
    """The demo login's authenticator app (its key printed for the local demo only)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Demo authenticator", confirmed=True)


@transaction.atomic
def demo_production_build(*, stdout=None) -> Production:
    """Build The Long Night with its crew, cast, vendors, groups and demo logins."""
    rng = random.Random(SEED)
    maker = _Maker(rng)
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(DEMO_TIME_ZONE))
    dates = demo_dates(today)
    crew = _crew_rows(maker, dates, today)
    by_position = {}
    for row in crew:
        by_position.setdefault(row["position"], row)
    by_position["A Camera 2nd AC"]["email"] = f"crew@{DEMO_DOMAIN}"  # the crew login's "My things"

    def login(user: str, position: str, **extra) -> User:
        row = by_position[position]
        name = f"{row.get('preferred_name') or row['first_name']} {row['last_name']}"
        return demo_user(f"{user}@{DEMO_DOMAIN}", name, **extra)

    (_, admin_user, admin_position, _), *others = _LOGINS
    admin = login(admin_user, admin_position, is_staff=True)
    production = production_create(
        actor=admin,
        slug=DEMO_SLUG,
        title="The Long Night",
        kind=Production.Kind.FEATURE,
        company="Nightjar Pictures LLC",
        office_address="4000 Warner Blvd, Bldg 139\nBurbank, CA 91522",
        office_phone="(818) 555-0140",
        office_email="office@thelongnight.example",
        time_zone=DEMO_TIME_ZONE,
        union_status=Production.UnionStatus.UNION,
        agreement="IATSE Basic Agreement / SAG-AFTRA Theatrical",
        **dates,
    )
    _write(
        stdout, f"Created {production.title} (/p/{production.slug}/): {production.phase_on(today)}."
    )

    departments = {d.name: d for d in Department.objects.filter(production=production)}
    people = {}
    for row in crew:
        row = row | {"department": departments[row["department"]]}
        person = person_create(actor=admin, production=production, kind=Person.Kind.CREW, **row)
        people.setdefault(person.position, []).append(person)
    used = len({row["department"] for row in crew})
    _write(stdout, f"  {len(crew)} crew in {used} departments")

    for number, (character, gender, unit, rate) in enumerate(CAST, start=1):
        first, last, kind = maker.name(gender)
        if number <= 4:
            start, end = dates["shoot_start"] - timedelta(days=7), dates["shoot_end"]
        elif unit == "week":
            start = dates["shoot_start"] + timedelta(days=rng.randint(0, 20))
            end = start + timedelta(days=rng.randint(13, 20))
        else:
            start = dates["shoot_start"] + timedelta(days=rng.randint(0, 38))
            end = start + timedelta(days=rng.randint(0, 2))
        extra = {"pronouns": PRONOUNS[kind]} if rng.random() < 0.33 else {}
        if number <= 8:
            extra |= maker.address() | maker.emergency(last)
        person_create(
            actor=admin,
            production=production,
            kind=Person.Kind.CAST,
            first_name=first,
            last_name=last,
            character=character,
            cast_number=number,
            email=f"{_ascii(first)}.{_ascii(last)}@talentmail.example",
            phone=maker.mobile(),
            union="SAG-AFTRA",
            rate=Decimal(rate),
            rate_unit=unit,
            start_date=start,
            end_date=end,
            status=Person.Status.PREPPING,
            notes=CAST_NOTES.get(number, ""),
            **extra,
        )
    _write(stdout, f"  {len(CAST)} cast")

    categories = {c.name: c for c in VendorCategory.objects.filter(production=production)}
    for name, cats, domain, street, city, postal_code, account, titles, notes in VENDORS:
        contacts = []
        for i, title in enumerate(titles):
            first, last, _ = maker.name()
            contacts.append(
                {
                    "name": f"{first} {last}",
                    "title": title,
                    "email": f"{_ascii(first)}@{domain}.example",
                    "phone": maker.other_phone(),
                    "is_primary": i == 0,
                }
            )
        vendor_create(
            actor=admin,
            production=production,
            categories=[categories[c] for c in cats],
            contacts=contacts,
            name=name,
            phone=maker.other_phone((213, 310, 323, 818)),
            email=f"{'office' if account else 'info'}@{domain}.example",
            website=f"https://{domain}.example",
            street=street,
            city=city,
            region="CA",
            postal_code=postal_code,
            account_number=account,
            notes=notes,
        )
    _write(stdout, f"  {len(VENDORS)} vendors")

    group_save(
        actor=admin,
        production=production,
        name="Camera department",
        kind=DistributionGroup.Kind.DEPARTMENT,
        department=departments["Camera"],
    )
    group_save(
        actor=admin,
        production=production,
        name="Producers & office",
        kind=DistributionGroup.Kind.CUSTOM,
        members=[people[p][0] for p in GROUP_OFFICE],
    )
    _write(stdout, "  2 distribution groups beyond the standing three")

    for role, user, position, _ in others:
        Membership.objects.create(production=production, user=login(user, position), role=role)
    # Each login is the crew member whose name it carries: their own cards and packets are
    # theirs to fill, never theirs to approve.
    for _, user, position, _ in _LOGINS:
        Person.objects.filter(pk=people[position][0].pk).update(
            account=User.objects.get(email=f"{user}@{DEMO_DOMAIN}")
        )
    # The logins whose role needs a second factor come with an authenticator already set up:
    # `manage.py demo_logins` prints its key, so the local demo stays usable.
    for role, user, _, _ in _LOGINS:
        if role in SECOND_FACTOR_ROLES:
            demo_authenticator(User.objects.get(email=f"{user}@{DEMO_DOMAIN}"))
    _write(stdout, f"  {len(DEMO_LOGINS)} demo logins")

    # The shooting script's first draft: generated, seeded, about 120 pages.
    version = script_version_import(
        actor=admin,
        production=production,
        filename="the-long-night.fountain",
        data=generate_fountain(title=production.title).encode(),
        colour="White",
        revision_date=dates["prep_start"],
        max_bytes=50 * 1024 * 1024,
        notes="Production draft",
    )
    _write(stdout, f"  script: {version.page_count} pages, {version.scenes.count()} scenes")
    scenario = schedule_demo_build(
        actor=admin, production=production, version=version, start=dates["shoot_start"]
    )
    _write(stdout, f"  schedule: {len(scenario.board.days)} shoot days on the first-pass board")
    published = schedule_versions_demo_build(actor=admin, scenario=scenario)
    scenario.refresh_from_db()
    _write(stdout, "  schedule versions: " + ", ".join(v.title for v in published))
    deal_terms_demo_build(actor=admin, production=production)
    shot = shoot_days_demo_build(
        production=production,
        scenario=scenario,
        logins={
            user: User.objects.get(email=f"{user}@{DEMO_DOMAIN}")
            for user in ("coordinator", "secondad", "scripty", "upm")
        },
        days_shot=DAYS_SHOT,
    )
    _write(
        stdout,
        f"  shoot days 1-{DAYS_SHOT}: call sheets sent, first shot, lunch and wrap reported, "
        f"DPRs approved and sent (sc. {shot['carried']} part shot, carried to day "
        f"{DAYS_SHOT + 1}); day {DAYS_SHOT + 1}'s call sheet drafted",
    )
    rooms = build_rooms(production, actor=admin)
    _write(
        stdout,
        f"  office rooms: a table read in the {rooms['room']} tomorrow, {rooms['invited']} cast "
        f"invited ({rooms['rehearsals']} rehearsal days on the DOOD)",
    )
    budget = accounting_demo_build(actor=admin, production=production, today=today)
    _write(
        stdout,
        f"  budget: {budget['accounts']} accounts, ${budget['total']:,.0f}, locked; vendors' "
        "terms, POs, invoices, a check request, petty cash",
    )
    runs = build_runs(production, actor=admin, today=today)
    _write(stdout, f"  the office: {runs['pas']} PAs signed in, {runs['runs']} runs")
    travel = travel_demo_build(actor=admin, production=production)
    _write(
        stdout,
        f"  places and travel: {travel['locations']} locations with permits, owners' insurance "
        f"and the sets they were chosen for; {travel['lead']} "
        f"flown in with a hotel and per diem; {travel['day_player']}'s flight lands too late "
        f"for her call ({travel['findings']} travel findings); a tech scout {travel['scout']}",
    )
    lunch = build_lunch(production, actor=admin)
    _write(
        stdout,
        f"  office lunch: today's order from {lunch['restaurant']}, {lunch['ordered']} orders "
        f"placed, {lunch['waiting']} still to order",
    )
    # After the books: today's delivery pass is against the grip PO they make.
    gate = build_gate(production, actor=admin, today=today)
    _write(
        stdout,
        f"  the gate: {gate['gate']} with {gate['passes']} passes today, one a delivery on "
        f"PO {gate['po']}",
    )
    # Office supplies after the budget (not straight after travel): they code to its accounts.
    supplies = build_supplies(production, actor=admin)
    _write(
        stdout,
        f"  office supplies: {supplies['supplies']} in the catalogue, {supplies['reorder']} to "
        f"reorder; {supplies['walkies']} walkies issued to the grips, one out ({supplies['out']})",
    )
    packets = paperwork_demo_build(
        actor=admin,
        production=production,
        today=dates["shoot_start"] - timedelta(days=15),  # as the office left it in prep
        logins={
            role.value: User.objects.get(email=f"{user}@{DEMO_DOMAIN}")
            for role, user, _, _ in _LOGINS
            if role in (Role.COORDINATOR, Role.UPM, Role.PAYROLL)
        },
    )
    _write(
        stdout,
        f"  start paperwork: {packets['packets']} packets ({packets['sealed']} sealed, "
        "one asking for a change, one with I-9 Section 2 overdue)",
    )
    cards = payroll_demo_build(
        actor=admin, production=production, today=today, depthead_email=f"depthead@{DEMO_DOMAIN}"
    )
    _write(
        stdout,
        f"  time cards: {cards['cards']} (last prep week's, {cards['batched']} in payroll "
        f"batch {cards['batch']}; the shoot's open, filled from the DPRs, "
        f"{cards['differs']} differing from one)",
    )
    wrap = build_wrap_checklist(production, actor=admin, today=today)
    _write(
        stdout,
        f"  wrap checklist: {wrap['items']} items with owners and dates, {wrap['done']} done, "
        f"“{wrap['late'].title}” overdue",
    )
    return production


@transaction.atomic
def demo_production_delete() -> bool:
    """Hard-delete the demo production (people, vendors, audit and all) and its unused logins."""
    production = Production.objects.filter(slug=DEMO_SLUG).first()
    if production is None:
        return False
    # People and groups first: they protect their department, which the production's cascade
    # trips on; their time cards and the messages sent to them before them, which protect
    # the people.
    Dispatch.objects.filter(production=production).delete()
    ProductionReport.objects.filter(production=production).delete()  # their cast and crew rows
    TimeCard.objects.filter(production=production).delete()
    Packet.objects.filter(production=production).delete()
    Booking.objects.filter(production=production).delete()  # they protect their travellers
    Scout.objects.filter(production=production).delete()  # its riders protect theirs
    # Runs and PA days protect their PAs (and a run its mileage check request).
    Run.objects.filter(production=production).delete()
    PADay.objects.filter(production=production).delete()
    supplies_demo_delete(production)
    # The table read's script copies protect their readers.
    ScriptDistribution.objects.filter(version__production=production).delete()
    demo_books_delete(production)
    Person.objects.filter(production=production).delete()
    DistributionGroup.objects.filter(production=production).delete()
    production.delete()
    User.objects.filter(
        email__in=[email for _, email, _ in DEMO_LOGINS], memberships__isnull=True
    ).delete()
    return True
