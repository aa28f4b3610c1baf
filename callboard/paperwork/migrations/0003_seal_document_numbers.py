"""Numbers stored in plain text before issue 13: I-9 Section 2 document numbers (in the
documents summary) and a loan-out form's EIN. Sealed in the vault, shown masked from now on;
the audit log's copies of the Section 2 summary are masked too."""

import re

from django.db import migrations

NUMBER = re.compile(r"no\. ([^,;]+)")


def _mask(number: str) -> str:
    bare = re.sub(r"[\s.\-]", "", number)
    return "•••••" + (bare[-4:] if len(bare) > 4 else "")


def _masked(summary: str) -> tuple[str, list[str]]:
    numbers = [m.strip() for m in NUMBER.findall(summary) if "•" not in m]
    return NUMBER.sub(lambda m: f"no. {_mask(m.group(1)) if '•' not in m.group(1) else m.group(1)}",
                      summary), numbers


def seal_numbers(apps, schema_editor):
    from callboard.core.vault import seal

    PacketForm = apps.get_model("paperwork", "PacketForm")
    AuditEvent = apps.get_model("core", "AuditEvent")
    for form in PacketForm.objects.filter(kind="i9_section2").exclude(values={}):
        summary, numbers = _masked(form.values.get("documents", ""))
        if not numbers:
            continue
        form.values["documents"] = summary
        for n, number in enumerate(numbers, start=1):
            form.sealed[f"doc{n}_number"] = seal(number)
        form.save(update_fields=["values", "sealed"])
    for form in PacketForm.objects.filter(kind="loanout", values__has_key="ein"):
        ein = form.values.pop("ein")
        form.values.pop("w9_received", None)
        if ein:
            form.sealed["ein"] = seal(ein)
        form.save(update_fields=["values", "sealed"])
    for event in AuditEvent.objects.filter(changes__has_key="i9_section2"):
        event.changes["i9_section2"] = _masked(str(event.changes["i9_section2"]))[0]
        event.save(update_fields=["changes"])


class Migration(migrations.Migration):
    dependencies = [("paperwork", "0002_controls"), ("core", "0002_warning_override")]

    operations = [migrations.RunPython(seal_numbers, migrations.RunPython.noop)]
