"""One module per subcommand, each exposing `command` (a thin click command)."""
