"""The paraf chain of final documents (issue 14): table, service, commands-free."""
