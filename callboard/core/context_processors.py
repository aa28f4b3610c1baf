def navigation(request):
    """Which top-bar section the page belongs to, for highlighting."""
    match = request.resolver_match
    if match is None:
        return {}
    name = match.url_name or ""
    if name.startswith("vendor"):
        nav = "vendors"
    elif name.startswith("group"):
        nav = "groups"
    elif name.startswith("import"):
        nav = "import"
    elif name in ("team", "membership_edit"):
        nav = "team"
    elif name == "audit_log":
        nav = "audit"
    elif name in ("production_edit", "departments"):
        nav = "settings"
    elif match.namespace == "scripts":
        nav = "scripts"
    elif match.namespace == "travel":
        nav = "travel"
    elif match.namespace == "office":
        nav = "office"
    elif match.namespace == "wrap":
        nav = "wrap"
    elif match.namespace == "people":
        nav = "cast" if request.GET.get("kind") == "cast" else "crew"
    else:
        nav = ""
    return {"nav": nav}
