"""The pure-Python domain of joinedup.

Nothing under this package imports Django or touches files, the network or a
database: callers hand it plain values and get plain values back. That keeps
the rules fast to test and shared, unchanged, by the web app, the CLI and the
pipelines.
"""
