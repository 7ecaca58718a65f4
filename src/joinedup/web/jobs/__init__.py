"""Background jobs: one table row per job, claimed by a conditional update.

Why a table rather than a task library: docs/adr/1004-jobs-in-a-table.md.
How to use it: docs/jobs.md.
"""
