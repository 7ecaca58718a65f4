"""Accounts: people join partnerships by invitation, and reset their own passwords.

It sits on the register (joinedup.web.partnerships); nothing below it imports
it: the register's pages reach it only through its URLs.
"""
