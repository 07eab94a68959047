"""Accounts: roles, who may read or change what, users, units and their settings.

Flask-free: the web app, the API and the CLI all ask the same rules."""
