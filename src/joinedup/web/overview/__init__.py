"""The partnership overview: the dashboard and the verdict.

This app sits on top of the area apps (assessments, outcomes, effort) and
the register: it reads what each of them owns and puts it together. Nothing
below it imports it (an import-linter contract, run by ``./run check``).
"""
