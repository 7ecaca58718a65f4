"""Passwords issue 10 found accepted, each with what the site must say of it."""

TOO_SHORT = "This password is too short. It must contain at least 12 characters."

WEAK = {
    "83920174": [TOO_SHORT, "This password is entirely numeric."],
    "joinedup": [TOO_SHORT],
    " " * 8: [TOO_SHORT],
}
